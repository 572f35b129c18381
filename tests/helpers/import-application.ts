/**
 * Applications on the 001 Annex 1 form as the portal sends them: the applicant, the goods lines, the
 * counterparty and end user, and the other form fields (licence-form.ts). `importApplication` is the
 * one valid import licence application (form 2: one controlled item, 5А002) the scheduler tests
 * register through the service and the cluster test (scripts/cluster) posts through nginx;
 * `annex1Application` builds any other, so a stricter intake shows in every test at once;
 * `deviceApplication` is a device verification (the applicant and its IMEIs, 004 P 10).
 */
import { licenceForm } from './licence-form';
import { cryptoModule } from './goods-lines';

type GoodsLine = Record<string, unknown>;
type Party = { name: string; country: string };

/** What an application says about its goods and who gets them (also stored as a case's `application`). */
export function goodsAndParties(p: { goodsLine?: GoodsLine; party?: Party; firstExportToCounterparty?: boolean }) {
	const party = p.party ?? { name: 'Acme', country: 'DE' };
	return {
		goodsLines: [p.goodsLine ?? cryptoModule],
		counterparty: party,
		endUser: party,
		...(p.firstExportToCounterparty === undefined ? {} : { firstExportToCounterparty: p.firstExportToCounterparty })
	};
}

export function annex1Application<S extends string = 'import-licence'>(p: {
	service?: S;
	externalId: string;
	receivedAt: Date;
	applicant?: { bin?: string; name?: string; legalAddress?: string; city?: string };
	goodsLine?: GoodsLine;
	/** The counterparty, who is also the end user. */
	party?: Party;
	firstExportToCounterparty?: boolean;
}): Record<string, unknown> & { service: S; externalId: string; receivedAt: string } {
	const service = p.service ?? ('import-licence' as S);
	return {
		service,
		externalId: p.externalId,
		receivedAt: p.receivedAt.toISOString(),
		applicant: { bin: '000740001307', name: 'ТОО «Планировщик»', legalAddress: 'Astana', ...p.applicant },
		...goodsAndParties(p),
		...licenceForm(service) // a new contract each: a contract holds one licence (001 p.7)
	};
}

export function importApplication(
	externalId: string,
	receivedAt: Date,
	applicantName = 'ТОО «Планировщик»'
): Record<string, unknown> & { service: 'import-licence'; externalId: string; receivedAt: string } {
	return annex1Application({ externalId, receivedAt, applicant: { name: applicantName } });
}

export function deviceApplication(p: {
	externalId: string;
	receivedAt: Date;
	devices: string[];
}): Record<string, unknown> & { service: 'device-verification'; externalId: string } {
	return {
		service: 'device-verification',
		externalId: p.externalId,
		receivedAt: p.receivedAt.toISOString(),
		applicant: { bin: '000740001307', name: 'ТОО «Дала Технологии»', legalAddress: 'Астана' },
		devices: p.devices
	};
}
