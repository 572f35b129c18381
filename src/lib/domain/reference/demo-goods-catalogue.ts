/**
 * Goods for demo applications. Each item pairs a 10-digit EAEU CN FEA code (001 p.7) with a
 * control-list code in one of 001's categories 0–10. The 6-digit HS subheadings are real; the last
 * four digits are plausible, not checked against the EAEU tariff. The control-list text is not in
 * the seeds, so the code ↔ goods pairing is illustrative (1С350 = chemical precursors follows the
 * dual-use list; category 10 items are invented examples of national-security goods).
 */

export interface Unit {
	/** OKEI / EAEU unit code. */
	readonly code: string;
	readonly kk: string;
	readonly ru: string;
	readonly en: string;
}

export const UNITS = {
	kg: { code: '166', kk: 'кг', ru: 'кг', en: 'kg' },
	pcs: { code: '796', kk: 'дана', ru: 'шт', en: 'pcs' }
} as const satisfies Record<string, Unit>;

export interface GoodsItem {
	readonly hsCode: string;
	/** In the acts' Cyrillic form. */
	readonly controlCode: string;
	readonly kk: string;
	readonly ru: string;
	readonly en: string;
	readonly unit: Unit;
	readonly quantity: readonly [min: number, max: number];
	/** Unit price in USD cents. */
	readonly priceUsdCents: readonly [min: number, max: number];
}

export const GOODS_CATALOGUE: readonly GoodsItem[] = [
	{
		hsCode: '2922150000',
		controlCode: '1С350',
		kk: 'Триэтаноламин',
		ru: 'Триэтаноламин',
		en: 'Triethanolamine',
		unit: UNITS.kg,
		quantity: [500, 20_000],
		priceUsdCents: [180, 450]
	},
	{
		hsCode: '2812130000',
		controlCode: '1С350',
		kk: 'Фосфор трихлориді',
		ru: 'Трихлорид фосфора',
		en: 'Phosphorus trichloride',
		unit: UNITS.kg,
		quantity: [200, 10_000],
		priceUsdCents: [120, 300]
	},
	{
		hsCode: '2812170000',
		controlCode: '1С350',
		kk: 'Тионилхлорид',
		ru: 'Тионилхлорид',
		en: 'Thionyl chloride',
		unit: UNITS.kg,
		quantity: [100, 5_000],
		priceUsdCents: [150, 400]
	},
	{
		hsCode: '2837110000',
		controlCode: '1С350',
		kk: 'Натрий цианиді',
		ru: 'Цианид натрия',
		en: 'Sodium cyanide',
		unit: UNITS.kg,
		quantity: [1_000, 50_000],
		priceUsdCents: [200, 380]
	},
	{
		hsCode: '2811110000',
		controlCode: '1С350',
		kk: 'Сусыз фторлы сутек',
		ru: 'Фтористый водород безводный',
		en: 'Anhydrous hydrogen fluoride',
		unit: UNITS.kg,
		quantity: [100, 8_000],
		priceUsdCents: [160, 350]
	},
	{
		hsCode: '3102309000',
		controlCode: '10С905',
		kk: 'Аммиак селитрасы',
		ru: 'Аммиачная селитра',
		en: 'Ammonium nitrate',
		unit: UNITS.kg,
		quantity: [5_000, 200_000],
		priceUsdCents: [25, 60]
	},
	{
		hsCode: '2814100000',
		controlCode: '10С906',
		kk: 'Сусыз аммиак',
		ru: 'Аммиак безводный',
		en: 'Anhydrous ammonia',
		unit: UNITS.kg,
		quantity: [2_000, 100_000],
		priceUsdCents: [30, 80]
	},
	{
		hsCode: '2808000000',
		controlCode: '10С907',
		kk: 'Азот қышқылы',
		ru: 'Азотная кислота',
		en: 'Nitric acid',
		unit: UNITS.kg,
		quantity: [1_000, 60_000],
		priceUsdCents: [20, 55]
	},
	{
		hsCode: '8542319000',
		controlCode: '3А001',
		kk: 'Бағдарламаланатын логикалық интегралдық схемалар',
		ru: 'Программируемые логические интегральные схемы',
		en: 'Field-programmable gate arrays',
		unit: UNITS.pcs,
		quantity: [20, 2_000],
		priceUsdCents: [8_000, 90_000]
	},
	{
		hsCode: '8504409000',
		controlCode: '3А225',
		kk: 'Жиілік түрлендіргіштері',
		ru: 'Преобразователи частоты',
		en: 'Frequency changers',
		unit: UNITS.pcs,
		quantity: [2, 50],
		priceUsdCents: [150_000, 1_200_000]
	},
	{
		hsCode: '8517620009',
		controlCode: '5А002',
		kk: 'Криптографиялық қорғау функциялары бар желілік маршрутизаторлар',
		ru: 'Сетевые маршрутизаторы с функциями криптографической защиты',
		en: 'Network routers with cryptographic functions',
		unit: UNITS.pcs,
		quantity: [5, 300],
		priceUsdCents: [60_000, 900_000]
	},
	{
		hsCode: '8525890000',
		controlCode: '6А003',
		kk: 'Жылу көргіш камералар',
		ru: 'Тепловизионные камеры',
		en: 'Thermal imaging cameras',
		unit: UNITS.pcs,
		quantity: [2, 100],
		priceUsdCents: [250_000, 2_500_000]
	},
	{
		hsCode: '9013200000',
		controlCode: '6А005',
		kk: 'Өнеркәсіптік лазерлер',
		ru: 'Промышленные лазеры',
		en: 'Industrial lasers',
		unit: UNITS.pcs,
		quantity: [1, 20],
		priceUsdCents: [1_000_000, 15_000_000]
	},
	{
		hsCode: '9014208000',
		controlCode: '7А003',
		kk: 'Инерциялық навигация жүйелері',
		ru: 'Инерциальные навигационные системы',
		en: 'Inertial navigation systems',
		unit: UNITS.pcs,
		quantity: [1, 40],
		priceUsdCents: [500_000, 8_000_000]
	},
	{
		hsCode: '8806220000',
		controlCode: '9А012',
		kk: 'Ұшқышсыз ұшу аппараттары',
		ru: 'Беспилотные летательные аппараты',
		en: 'Unmanned aerial vehicles',
		unit: UNITS.pcs,
		quantity: [1, 60],
		priceUsdCents: [200_000, 5_000_000]
	},
	{
		hsCode: '8458110000',
		controlCode: '2В001',
		kk: 'Сандық бағдарламалық басқаруы бар токарлық станоктар',
		ru: 'Токарные станки с числовым программным управлением',
		en: 'CNC lathes',
		unit: UNITS.pcs,
		quantity: [1, 10],
		priceUsdCents: [4_000_000, 40_000_000]
	},
	{
		hsCode: '8419899890',
		controlCode: '2В350',
		kk: 'Химиялық реакторлар',
		ru: 'Химические реакторы',
		en: 'Chemical reaction vessels',
		unit: UNITS.pcs,
		quantity: [1, 8],
		priceUsdCents: [2_000_000, 30_000_000]
	},
	{
		hsCode: '9020000000',
		controlCode: '1А004',
		kk: 'Газқағарлар',
		ru: 'Противогазы',
		en: 'Gas masks',
		unit: UNITS.pcs,
		quantity: [100, 10_000],
		priceUsdCents: [3_000, 20_000]
	},
	{
		hsCode: '6815110000',
		controlCode: '1С010',
		kk: 'Көміртекті талшық',
		ru: 'Углеродное волокно',
		en: 'Carbon fibre',
		unit: UNITS.kg,
		quantity: [50, 5_000],
		priceUsdCents: [2_000, 9_000]
	}
];
