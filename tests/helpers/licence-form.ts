/**
 * The fields of 001 Annex 1 application forms 1–3 a test application carries besides its goods and
 * parties: each call names a new contract, since a contract holds one licence (001 p.7).
 */
let contracts = 0;

export function licenceForm(service: string = 'export-licence'): Record<string, unknown> {
	const form = { 'export-licence': 1, 'import-licence': 2, 'general-export-licence': 3 }[service];
	if (form === undefined) return {};
	const common = {
		contract: { number: `HT-${process.pid}-${++contracts}`, date: '2026-01-20' },
		stateRevenueBody: 'Департамент государственных доходов по г. Астане',
		settlement: { accounts: 'KZ86125KZT5004100100', bank: 'АО «Народный банк Казахстана»' },
		declaration: true,
		signatory: { name: 'Сейткали Арман Бекович', position: 'директор' }
	};
	return form === 2
		? { ...common, countryOfOrigin: 'DE', intendedUse: 'Испытательная лаборатория' }
		: {
				...common,
				manufacturer: { name: 'ТОО «Дала Технологии»', country: 'KZ', address: 'Астана', bin: '000740001307' }
			};
}
