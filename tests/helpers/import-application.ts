/**
 * One valid import licence application (001 Annex 1 form 2: one controlled item, 5А002, with the
 * contract, end user and the other form fields), as the portal sends it. The scheduler tests register
 * it through the service and the cluster test (scripts/cluster) posts it through nginx: one fixture,
 * so a stricter intake shows in both at once.
 */
import { licenceForm } from './licence-form';

export function importApplication(
	externalId: string,
	receivedAt: Date,
	applicantName = 'ТОО «Планировщик»'
): Record<string, unknown> & { service: 'import-licence'; externalId: string; receivedAt: string } {
	return {
		service: 'import-licence',
		externalId,
		receivedAt: receivedAt.toISOString(),
		applicant: { bin: '000740001307', name: applicantName, legalAddress: 'Astana' },
		goodsLines: [
			{
				hsCode: '8526910000',
				controlCode: '5А002',
				description: 'Crypto module',
				quantity: 1,
				unit: 'pcs',
				value: 10,
				currency: 'USD'
			}
		],
		counterparty: { name: 'Acme', country: 'DE' },
		endUser: { name: 'Acme', country: 'DE' },
		...licenceForm('import-licence') // a new contract each: a contract holds one licence (001 p.7)
	};
}
