/**
 * What a licence application must hold, by the form the act gives it (001 Annex 1, annex forms 1–3:
 * form 1 the export licence, form 2 the import licence, form 3 the general licence), and the scope
 * rules of pp.5, 7 and 10. Pure: it reads an application already checked field by field and names
 * each problem with the path of the field to fix.
 */
import { isGeneralLicenceCode, normalizeControlCode } from '../reference/codes';

/**
 * Why a licence is reissued: the cases of the Law "On permits and notifications" (art. 33) that
 * 001 p.10 refers to. Reorganisation by separation or division has its own service and term
 * (001 Annex 1 row 3: 30 WD).
 */
export const REISSUE_REASONS = [
	'name-changed',
	'address-changed',
	'reorganised',
	'reorganised-by-separation',
	'entrepreneur-reregistered',
	'required-by-law'
] as const;
export type ReissueReason = (typeof REISSUE_REASONS)[number];

/** The services whose application is one of the three forms, and the form. */
const FORM: Readonly<Record<string, 1 | 2 | 3>> = {
	'export-licence': 1,
	'import-licence': 2,
	'general-export-licence': 3
};
const REISSUES = ['licence-reissue', 'licence-reissue-separation'];

interface Party {
	readonly name: string;
	readonly country: string;
}
export interface LicenceApplicationFacts {
	readonly service: string;
	readonly goodsLines?: readonly { readonly controlCode: string; readonly military?: boolean }[];
	readonly counterparty?: Party | readonly Party[];
	readonly endUser?: Party | readonly Party[];
	readonly manufacturer?: Party & { readonly bin?: string };
	readonly contract?: { readonly number: string; readonly date?: string };
	readonly stateRevenueBody?: string;
	readonly countryOfOrigin?: string;
	readonly intendedUse?: string;
	readonly settlement?: unknown;
	readonly declaration?: true;
	readonly signatory?: unknown;
	readonly reissue?: { readonly reason: ReissueReason };
}

export interface ApplicationProblem {
	readonly path: (string | number)[];
	/** A stable code the catalogue translates (ADR-107): `required`, or this rule's own. */
	readonly code: string;
	/** The English text, for logs and tests. */
	readonly message: string;
	/** `citation` in the canonical form (ADR-106); `controlCode` for a code the rule refuses. */
	readonly params: Readonly<Record<string, string>>;
}

/** Every problem of a licence or reissue application under 001; none for the other services. */
export function licenceApplicationProblems(a: LicenceApplicationFacts): ApplicationProblem[] {
	const out: ApplicationProblem[] = [];
	const problem = (
		path: (string | number)[],
		code: string,
		citation: string,
		message: string,
		params: Record<string, string> = {}
	) => out.push({ path, code, message: `${message} (${citation})`, params: { ...params, citation } });
	const need = (field: string | (string | number)[], citation: string, message: string) =>
		problem(typeof field === 'string' ? [field] : field, 'required', citation, message);
	const form = FORM[a.service];

	if (form !== undefined) {
		const f = (field: number) => `001 Annex 1 form ${form} field ${field}`;
		if (!a.contract)
			need('contract', `001 p.7; ${f(8)}`, 'the contract the licence is issued within: its number and date');
		else if (form !== 1 && !a.contract.date) need(['contract', 'date'], f(8), 'the date the contract was signed');
		if (!a.endUser) need('endUser', f(form === 2 ? 3 : 5), 'the end user');
		if (!a.stateRevenueBody) need('stateRevenueBody', f(6), 'the state revenue body of Kazakhstan');
		if (!a.settlement) need('settlement', f(16), 'the settlement (currency) accounts and the bank');
		if (a.declaration !== true) need('declaration', f(17), "the applicant's declaration, true");
		if (!a.signatory) need('signatory', f(18), 'who signs for the applicant, and their position');
		if (form === 2) {
			if (!a.countryOfOrigin) need('countryOfOrigin', f(5), 'the country of origin');
			if (!a.intendedUse) need('intendedUse', f(9), 'what the goods are for');
		} else if (!a.manufacturer) need('manufacturer', f(3), 'the manufacturer: name, country, address');
		else if (a.manufacturer.country === 'KZ' && !a.manufacturer.bin)
			need(['manufacturer', 'bin'], f(3), 'the BIN/IIN of a manufacturer resident in Kazakhstan');
	}

	if (a.service === 'general-export-licence') {
		// 001 p.5: only goods under 1С350, 10С905, 10С906 and 10С907, dual-use or national-security goods.
		(a.goodsLines ?? []).forEach((g, i) => {
			const controlCode = normalizeControlCode(g.controlCode);
			if (!isGeneralLicenceCode(g.controlCode))
				problem(
					['goodsLines', i, 'controlCode'],
					'not-general-licence-code',
					'001 p.5',
					`${controlCode} is not a general-licence code: only 1С350, 10С905, 10С906 and 10С907`,
					{ controlCode }
				);
			if (g.military)
				problem(
					['goodsLines', i, 'military'],
					'military-not-general',
					'001 p.5',
					'a general licence covers dual-use and national-security goods, not military goods'
				);
		});
	} else {
		// Several states, importers or end users: the general licence only (001 p.5); one contract, one
		// buyer otherwise (p.7).
		for (const field of ['counterparty', 'endUser'] as const)
			if (Array.isArray(a[field]))
				problem(
					[field],
					'one-party-only',
					'001 p.5',
					'one party: only a general licence names several states, importers or end users'
				);
	}

	if (REISSUES.includes(a.service)) {
		if (!a.reissue) need('reissue', '001 p.10; Annex 1 row 8', 'the licence reissued, the reason and the changes');
		else {
			const separation = a.reissue.reason === 'reorganised-by-separation';
			if (separation !== (a.service === 'licence-reissue-separation'))
				problem(
					['reissue', 'reason'],
					separation ? 'reissue-by-separation' : 'reissue-not-separation',
					'001 Annex 1 row 3',
					separation
						? 'a reorganisation by separation or division is the licence-reissue-separation service (30 WD)'
						: 'the licence-reissue-separation service is for a reorganisation by separation or division'
				);
		}
	} else if (a.reissue)
		problem(['reissue'], 'reissue-not-allowed', '001 p.10', 'only a reissue application names a licence to reissue');
	return out;
}
