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

/** The fields of 001 Annex 1 forms 1–3 a complete application carries (form 1 has no contract date). */
const FORM_FIELDS = {
	contract: { number: 'HT-2027/14', date: '2027-01-20' },
	endUser: { name: 'Horizon Trading FZE', country: 'AE' },
	manufacturer: { name: 'ТОО «Дала Технологии»', country: 'KZ', address: 'Астана', bin: '000740001307' },
	stateRevenueBody: 'ДГД по г. Астана',
	settlement: { accounts: 'KZ86125KZT5004100100', bank: 'АО «Народный банк Казахстана»' },
	declaration: true,
	signatory: { name: 'Сейткали А. Б.', position: 'директор' },
	firstExportToCounterparty: false
};
const IMPORT_FIELDS = { ...FORM_FIELDS, manufacturer: undefined, countryOfOrigin: 'DE', intendedUse: 'Ремонт' };

const problems = (service: string, over: Record<string, unknown> = {}) => {
	const r = ApplicationSchema.safeParse(application(service, over));
	return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('the licence application forms (001 Annex 1, forms 1–3)', () => {
	it.each([
		['export-licence', FORM_FIELDS],
		['import-licence', IMPORT_FIELDS],
		['general-export-licence', FORM_FIELDS]
	])('a complete %s application passes', (service, fields) => {
		expect(problems(service, fields)).toEqual({});
	});

	it.each([
		['export-licence', 'contract', 'field 8'],
		['export-licence', 'manufacturer', 'field 3'],
		['export-licence', 'stateRevenueBody', 'field 6'],
		['export-licence', 'settlement', 'field 16'],
		['export-licence', 'declaration', 'field 17'],
		['export-licence', 'signatory', 'field 18'],
		['import-licence', 'countryOfOrigin', 'field 5'],
		['import-licence', 'intendedUse', 'field 9'],
		['general-export-licence', 'endUser', 'field 5']
	])('a %s application without %s is refused, naming the form (%s)', (service, field, point) => {
		const fields = service === 'import-licence' ? IMPORT_FIELDS : FORM_FIELDS;
		expect(problems(service, { ...fields, [field]: undefined })[field]).toContain(point);
	});

	it('asks the contract date on forms 2 and 3 ("and date of signature"), not on form 1', () => {
		const contract = { number: 'HT-2027/14' };
		expect(problems('export-licence', { ...FORM_FIELDS, contract })).toEqual({});
		expect(problems('import-licence', { ...IMPORT_FIELDS, contract })['contract.date']).toContain('form 2 field 8');
		expect(problems('general-export-licence', { ...FORM_FIELDS, contract })['contract.date']).toContain('form 3');
	});

	it('asks the BIN/IIN of a manufacturer resident in Kazakhstan only (forms 1 and 3, field 3)', () => {
		const kz = { name: 'ТОО «Дала»', country: 'KZ', address: 'Астана' };
		expect(problems('export-licence', { ...FORM_FIELDS, manufacturer: kz })['manufacturer.bin']).toContain('field 3');
		expect(problems('export-licence', { ...FORM_FIELDS, manufacturer: { ...kz, country: 'DE' } })).toEqual({});
	});

	it('refuses an unsigned declaration', () => {
		expect(problems('export-licence', { ...FORM_FIELDS, declaration: false })).toHaveProperty('declaration');
	});
});

describe('the general licence scope (001 p.5)', () => {
	const goods = (controlCode: string, military?: boolean) => ({
		goodsLines: [
			{
				hsCode: '8526910000',
				controlCode,
				description: 'x',
				quantity: 1,
				unit: 'pcs',
				value: 1,
				currency: 'EUR',
				...(military === undefined ? {} : { military })
			}
		]
	});

	it.each(['1С350', '10C905', '10С906', '10c907', '1C350.a'])('takes goods under %s', (code) => {
		expect(problems('general-export-licence', { ...FORM_FIELDS, ...goods(code) })).toEqual({});
	});

	it.each(['2В001', '10С908', '3А001'])('refuses goods under %s, naming the four codes', (code) => {
		expect(problems('general-export-licence', { ...FORM_FIELDS, ...goods(code) })['goodsLines.0.controlCode']).toMatch(
			/only 1С350, 10С905, 10С906 and 10С907 \(001 p\.5\)/
		);
	});

	it('refuses military goods: it covers dual-use and national-security goods', () => {
		expect(
			problems('general-export-licence', { ...FORM_FIELDS, ...goods('1С350', true) })['goodsLines.0.military']
		).toContain('001 p.5');
	});

	it('names several states, importers and end users; an export licence names one (p.5, p.7)', () => {
		const several = [
			{ name: 'Horizon Trading FZE', country: 'AE' },
			{ name: 'Anatolia Makina A.Ş.', country: 'TR' }
		];
		expect(problems('general-export-licence', { ...FORM_FIELDS, counterparty: several, endUser: several })).toEqual({});
		const one = problems('export-licence', { ...FORM_FIELDS, counterparty: several, endUser: several });
		expect(one.counterparty).toContain('001 p.5');
		expect(one.endUser).toContain('001 p.5');
	});
});

describe('a reissue names the licence it reissues and why (001 p.10; Law on permits art. 33)', () => {
	const reissue = (reason: string) => ({
		reissue: { licenceNumber: 'EL-2027-00042/L', reason, changes: 'New name after re-registration' }
	});

	it('asks for the licence, the reason and the changes', () => {
		expect(problems('licence-reissue').reissue).toContain('001 p.10');
		expect(problems('licence-reissue', reissue('name-changed'))).toEqual({});
		expect(problems('licence-reissue', reissue('moved-office'))).toHaveProperty('reissue.reason');
	});

	it('sends a reorganisation by separation to its own 30-WD service (Annex 1 row 3)', () => {
		expect(problems('licence-reissue', reissue('reorganised-by-separation'))['reissue.reason']).toContain(
			'licence-reissue-separation'
		);
		expect(problems('licence-reissue-separation', reissue('reorganised-by-separation'))).toEqual({});
		expect(problems('licence-reissue-separation', reissue('name-changed'))).toHaveProperty('reissue.reason');
	});

	it('is not asked of a new licence', () => {
		expect(problems('export-licence', { ...FORM_FIELDS, ...reissue('name-changed') })).toHaveProperty('reissue');
	});
});
