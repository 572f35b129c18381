/**
 * The goods lines the tests' applications declare: a thermal imaging module (1C350, the export
 * licence cases) and a crypto module (5А002, the import licence cases the scheduler fires on).
 */
export const thermalImagingModule = {
	hsCode: '8526 91 000 0',
	controlCode: '1c350',
	description: 'Thermal imaging module',
	quantity: 4,
	unit: 'pcs',
	value: 120000,
	currency: 'USD'
};

export const cryptoModule = {
	hsCode: '8526910000',
	controlCode: '5А002',
	description: 'Crypto module',
	quantity: 1,
	unit: 'pcs',
	value: 10,
	currency: 'USD'
};
