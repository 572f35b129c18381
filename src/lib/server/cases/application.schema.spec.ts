/**
 * "First export to the counterparty" decides whether the MFA check is mandatory (001 p.18), which
 * applies to the export licence and the general export licence only. A certificate application
 * (000) does not ask it, nor do the import licence and the reissues.
 */
import { describe, expect, it } from 'vitest';
import { ApplicationSchema } from './application.schema';

const application = (service: string, over: Record<string, unknown> = {}) => ({
	service,
	externalId: 'EGOV-1',
	receivedAt: '2026-03-02T10:00:00+05:00',
	applicant: { bin: '000740001307', name: 'ТОО «Дала Технологии»', legalAddress: 'Астана, пр. Мангилик Ел, 55' },
	goodsLines: [
		{
			hsCode: '8526910000',
			controlCode: '1С350',
			description: 'Thermal imaging module',
			quantity: 4,
			unit: 'pcs',
			value: 120000,
			currency: 'USD'
		}
	],
	counterparty: { name: 'Horizon Trading FZE', country: 'AE' },
	...over
});

const fieldsOf = (service: string) => {
	const r = ApplicationSchema.safeParse(application(service));
	return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('the first-export question (001 p.18)', () => {
	it.each([
		'end-user-certificate',
		'import-certificate',
		'import-licence',
		'licence-reissue',
		'licence-reissue-separation'
	])('is not asked of a %s application', (service) => {
		expect(fieldsOf(service)).not.toContain('firstExportToCounterparty');
	});

	it.each(['export-licence', 'general-export-licence'])('is asked of a %s application', (service) => {
		expect(fieldsOf(service)).toContain('firstExportToCounterparty');
	});
});
