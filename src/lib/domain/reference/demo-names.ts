/**
 * Deterministic demo data: applicant organisations (Kazakh and Russian names, legal address in a
 * real Kazakhstan city, valid BIN), foreign counterparties, goods lines and people's names for staff.
 * Everything is drawn from the Rng passed in, so the same seed gives the same output. The data are
 * fictional (see demo-catalogue.ts).
 */
import { makeBin } from './bin';
import {
	CITIES,
	COUNTRIES,
	DEMO_RATES_FROM_USD,
	FEMALE_NAMES,
	LEGAL_FORMS,
	MALE_NAMES,
	NAME_PREFIXES,
	NAME_ROOTS,
	NAME_SUFFIXES,
	NAME_WORDS,
	STREETS,
	SURNAMES,
	type City,
	type Country,
	type CurrencyCode,
	type LegalForm
} from './demo-catalogue';
import { GOODS_CATALOGUE, type GoodsItem, type Unit } from './demo-goods-catalogue';
import { normalizeControlCode } from './codes';
import type { Rng } from './prng';

export interface Organisation {
	readonly bin: string;
	readonly legalForm: LegalForm;
	/** The name without the legal form, e.g. "СемейПриборСервис". */
	readonly shortNameKk: string;
	readonly shortNameRu: string;
	/** «СемейПриборСервис» ЖШС */
	readonly nameKk: string;
	/** ТОО «СемейПриборСервис» */
	readonly nameRu: string;
	readonly city: City;
	readonly legalAddressKk: string;
	readonly legalAddressRu: string;
	readonly phone: string;
	readonly email: string;
	/** Year and month of state registration, "YYYY-MM"; the BIN starts with them (YYMM). */
	readonly registered: string;
}

export interface Counterparty {
	readonly name: string;
	readonly country: Country;
	readonly city: string;
	/** A contract currency usual with this country. */
	readonly currency: CurrencyCode;
}

export interface GoodsLine {
	/** 10-digit EAEU CN FEA code (001 p.7). */
	readonly hsCode: string;
	/** Control-list code, Cyrillic form. */
	readonly controlCode: string;
	readonly descriptionKk: string;
	readonly descriptionRu: string;
	readonly descriptionEn: string;
	readonly quantity: number;
	readonly unit: Unit;
	readonly currency: CurrencyCode;
	/** Unit price and total value in minor units (cents, tiyn, kopecks …), integers. */
	readonly unitPriceMinor: number;
	readonly valueMinor: number;
	/** Total value as a decimal string, "12345.60". */
	readonly value: string;
}

export type Sex = 'male' | 'female';

export interface PersonName {
	readonly sex: Sex;
	readonly surnameKk: string;
	readonly surnameRu: string;
	readonly givenNameKk: string;
	readonly givenNameRu: string;
	/** Kazakh style: father's name + ұлы / қызы. */
	readonly patronymicKk: string;
	/** Russian style: father's name + ович / овна. */
	readonly patronymicRu: string;
	/** "Омаров Ержан Нұрланұлы" */
	readonly fullNameKk: string;
	/** "Омаров Ержан Нурланович" */
	readonly fullNameRu: string;
	/** "Омаров Е. Н." */
	readonly shortNameRu: string;
	/** Latin login stem, "e.omarov" (not unique on its own; generatePersonNames de-duplicates). */
	readonly login: string;
}

// --- organisations ---------------------------------------------------------------------------

interface OrgName {
	readonly kk: string;
	readonly ru: string;
	readonly slug: string;
}

function orgName(rng: Rng): OrgName {
	if (rng.chance(0.7)) {
		const p = rng.pick(NAME_PREFIXES.filter((x) => x.lat !== 'kazakhstan'));
		const r = rng.pick(NAME_ROOTS);
		const s = rng.pick(NAME_SUFFIXES);
		return { kk: p.kk + r.kk + s.kk, ru: p.ru + r.ru + s.ru, slug: p.lat + r.lat + s.lat };
	}
	const p = rng.pick(NAME_PREFIXES.filter((x) => x.lat !== 'kaz'));
	const w = rng.pick(NAME_WORDS);
	return { kk: `${p.kk} ${w.kk}`, ru: `${p.ru} ${w.ru}`, slug: `${p.lat}-${w.lat}` };
}

function phoneNumber(rng: Rng, code: string): string {
	const digits = 10 - code.length;
	let n = String(rng.int(2, 5));
	while (n.length < digits) n += String(rng.int(0, 9));
	const head = n.slice(0, -4);
	return `+7 (${code}) ${head}-${n.slice(-4, -2)}-${n.slice(-2)}`;
}

function address(rng: Rng, city: City): { kk: string; ru: string } {
	const street = rng.pick(STREETS);
	const building = rng.int(1, 250);
	const office = rng.chance(0.6) ? rng.int(1, 450) : null;
	const kk = [
		city.regionKk,
		`${city.kk} қ.`,
		`${street.kk} ${street.kind === 'avenue' ? 'даңғылы' : 'көшесі'}`,
		String(building),
		office === null ? null : `${office}-кеңсе`
	];
	const ru = [
		city.regionRu,
		`г. ${city.ru}`,
		`${street.kind === 'avenue' ? 'пр.' : 'ул.'} ${street.ru}`,
		String(building),
		office === null ? null : `офис ${office}`
	];
	return { kk: kk.filter((x) => x !== null).join(', '), ru: ru.filter((x) => x !== null).join(', ') };
}

/** One applicant organisation: a resident legal entity (BIN type 4, head office). */
export function generateOrganisation(rng: Rng): Organisation {
	const name = orgName(rng);
	const legalForm: LegalForm = rng.chance(0.25) ? LEGAL_FORMS.jsc : LEGAL_FORMS.llp;
	const city = rng.pick(CITIES);
	const year = rng.int(1996, 2025);
	const month = rng.int(1, 12);
	const addr = address(rng, city);
	return {
		bin: makeBin(rng, { type: 4, attribute: 0, year, month }),
		legalForm,
		shortNameKk: name.kk,
		shortNameRu: name.ru,
		nameKk: `«${name.kk}» ${legalForm.kk}`,
		nameRu: `${legalForm.ru} «${name.ru}»`,
		city,
		legalAddressKk: addr.kk,
		legalAddressRu: addr.ru,
		phone: phoneNumber(rng, city.phoneCode),
		email: `${rng.pick(['info', 'office', 'export', 'sales'])}@${name.slug}.kz`,
		registered: `${year}-${String(month).padStart(2, '0')}`
	};
}

/** n organisations with distinct names and BINs. */
export function generateOrganisations(rng: Rng, n: number): Organisation[] {
	const out: Organisation[] = [];
	const names = new Set<string>();
	const bins = new Set<string>();
	for (let attempts = 0; out.length < n; attempts++) {
		if (attempts > n * 50 + 100) throw new RangeError(`cannot make ${n} distinct organisations`);
		const org = generateOrganisation(rng);
		if (names.has(org.shortNameRu) || bins.has(org.bin)) continue;
		names.add(org.shortNameRu);
		bins.add(org.bin);
		out.push(org);
	}
	return out;
}

// --- counterparties --------------------------------------------------------------------------

/** A foreign buyer / seller / end user. `country` is an ISO 3166-1 alpha-2 code from COUNTRIES. */
export function generateCounterparty(rng: Rng, options: { readonly country?: string } = {}): Counterparty {
	const country =
		options.country === undefined ? rng.pick(COUNTRIES) : COUNTRIES.find((c) => c.iso2 === options.country);
	if (!country) throw new RangeError(`unknown demo country ${options.country ?? ''}`);
	const city = rng.pick(country.cities);
	const name = rng
		.pick(country.patterns)
		.replace('{A}', rng.pick(country.words))
		.replace('{B}', rng.pick(country.fields))
		.replace('{C}', city);
	return { name, country, city, currency: rng.pick(country.currencies) };
}

// --- goods -----------------------------------------------------------------------------------

function decimal(minor: number): string {
	return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
}

export interface GoodsLinesOptions {
	/** One contract has one currency (001 Annex 1 Form 1 field 14); default: random. */
	readonly currency?: CurrencyCode;
	/** Only goods under these control codes (any script; normalised), e.g. the general-licence codes. */
	readonly controlCodes?: readonly string[];
}

/**
 * n goods lines of one contract, each a different goods type (001 p.7: one CN FEA code and one
 * control code per goods type). Throws if n exceeds the number of matching catalogue items.
 */
export function generateGoodsLines(rng: Rng, n: number, options: GoodsLinesOptions = {}): GoodsLine[] {
	const wanted = options.controlCodes?.map(normalizeControlCode);
	const pool: GoodsItem[] = GOODS_CATALOGUE.filter((g) => wanted === undefined || wanted.includes(g.controlCode));
	if (n > pool.length) throw new RangeError(`only ${pool.length} goods types match; asked for ${n}`);
	const currency = options.currency ?? rng.pick(['USD', 'USD', 'EUR', 'CNY', 'RUB', 'KZT'] as const);
	const rate = DEMO_RATES_FROM_USD[currency];
	const lines: GoodsLine[] = [];
	for (let i = 0; i < n; i++) {
		const item = pool.splice(rng.int(0, pool.length - 1), 1)[0];
		if (!item) throw new Error('unreachable: pool exhausted');
		const quantity = rng.int(item.quantity[0], item.quantity[1]);
		const unitPriceMinor = Math.max(1, Math.round(rng.int(item.priceUsdCents[0], item.priceUsdCents[1]) * rate));
		const valueMinor = quantity * unitPriceMinor;
		lines.push({
			hsCode: item.hsCode,
			controlCode: item.controlCode,
			descriptionKk: item.kk,
			descriptionRu: item.ru,
			descriptionEn: item.en,
			quantity,
			unit: item.unit,
			currency,
			unitPriceMinor,
			valueMinor,
			value: decimal(valueMinor)
		});
	}
	return lines;
}

// --- people ----------------------------------------------------------------------------------

export function generatePersonName(rng: Rng, sex?: Sex): PersonName {
	const s: Sex = sex ?? (rng.chance(0.5) ? 'male' : 'female');
	const surname = rng.pick(SURNAMES);
	const given = rng.pick(s === 'male' ? MALE_NAMES : FEMALE_NAMES);
	const father = rng.pick(MALE_NAMES);
	const fem = s === 'female' && surname.invariant !== true;
	const surnameKk = fem ? `${surname.kk}а` : surname.kk;
	const surnameRu = fem ? `${surname.ru}а` : surname.ru;
	const patronymicKk = `${father.kk}${s === 'male' ? 'ұлы' : 'қызы'}`;
	const patronymicRu = `${father.ru}${s === 'male' ? 'ович' : 'овна'}`;
	return {
		sex: s,
		surnameKk,
		surnameRu,
		givenNameKk: given.kk,
		givenNameRu: given.ru,
		patronymicKk,
		patronymicRu,
		fullNameKk: `${surnameKk} ${given.kk} ${patronymicKk}`,
		fullNameRu: `${surnameRu} ${given.ru} ${patronymicRu}`,
		shortNameRu: `${surnameRu} ${given.ru.charAt(0)}. ${father.ru.charAt(0)}.`,
		login: `${given.lat.charAt(0)}.${surname.lat}${fem ? 'a' : ''}`
	};
}

/** n people with distinct full names and distinct logins (for staff accounts; a few hundred at most). */
export function generatePersonNames(rng: Rng, n: number): PersonName[] {
	const out: PersonName[] = [];
	const seen = new Set<string>();
	for (let attempts = 0; out.length < n; attempts++) {
		if (attempts > n * 50 + 100) throw new RangeError(`cannot make ${n} distinct names`);
		const p = generatePersonName(rng);
		if (seen.has(p.fullNameRu) || seen.has(p.login)) continue;
		seen.add(p.fullNameRu);
		seen.add(p.login);
		out.push(p);
	}
	return out;
}
