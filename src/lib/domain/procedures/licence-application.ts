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
	readonly message: string;
}

/** Every problem of a licence or reissue application under 001; none for the other services. */
export function licenceApplicationProblems(a: LicenceApplicationFacts): ApplicationProblem[] {
	const out: ApplicationProblem[] = [];
	const need = (field: string, message: string) => out.push({ path: [field], message });
	const form = FORM[a.service];

	if (form !== undefined) {
		const f = `001 Annex 1, form ${form}`;
		if (!a.contract)
			need('contract', `the contract the licence is issued within: its number and date (001 p.7; ${f}, field 8)`);
		else if (form !== 1 && !a.contract.date)
			out.push({ path: ['contract', 'date'], message: `the date the contract was signed (${f}, field 8)` });
		if (!a.endUser) need('endUser', `the end user (${f}, field ${form === 2 ? 3 : 5})`);
		if (!a.stateRevenueBody) need('stateRevenueBody', `the state revenue body of Kazakhstan (${f}, field 6)`);
		if (!a.settlement) need('settlement', `the settlement (currency) accounts and the bank (${f}, field 16)`);
		if (a.declaration !== true) need('declaration', `the applicant's declaration, true (${f}, field 17)`);
		if (!a.signatory) need('signatory', `who signs for the applicant, and their position (${f}, field 18)`);
		if (form === 2) {
			if (!a.countryOfOrigin) need('countryOfOrigin', `the country of origin (${f}, field 5)`);
			if (!a.intendedUse) need('intendedUse', `what the goods are for (${f}, field 9)`);
		} else if (!a.manufacturer) need('manufacturer', `the manufacturer: name, country, address (${f}, field 3)`);
		else if (a.manufacturer.country === 'KZ' && !a.manufacturer.bin)
			out.push({
				path: ['manufacturer', 'bin'],
				message: `the BIN/IIN of a manufacturer resident in Kazakhstan (${f}, field 3)`
			});
	}

	if (a.service === 'general-export-licence') {
		// 001 p.5: only goods under 1С350, 10С905, 10С906 and 10С907, dual-use or national-security goods.
		(a.goodsLines ?? []).forEach((g, i) => {
			if (!isGeneralLicenceCode(g.controlCode))
				out.push({
					path: ['goodsLines', i, 'controlCode'],
					message: `${normalizeControlCode(g.controlCode)} is not a general-licence code: only 1С350, 10С905, 10С906 and 10С907 (001 p.5)`
				});
			if (g.military)
				out.push({
					path: ['goodsLines', i, 'military'],
					message: 'a general licence covers dual-use and national-security goods, not military goods (001 p.5)'
				});
		});
	} else {
		// Several states, importers or end users: the general licence only (001 p.5); one contract, one
		// buyer otherwise (p.7).
		for (const field of ['counterparty', 'endUser'] as const)
			if (Array.isArray(a[field]))
				need(field, 'one party: only a general licence names several states, importers or end users (001 p.5)');
	}

	if (REISSUES.includes(a.service)) {
		if (!a.reissue) need('reissue', 'the licence reissued, the reason and the changes (001 p.10; Annex 1 row 8)');
		else {
			const separation = a.reissue.reason === 'reorganised-by-separation';
			if (separation !== (a.service === 'licence-reissue-separation'))
				out.push({
					path: ['reissue', 'reason'],
					message: separation
						? 'a reorganisation by separation or division is the licence-reissue-separation service (001 Annex 1 row 3: 30 WD)'
						: 'the licence-reissue-separation service is for a reorganisation by separation or division (001 Annex 1 row 3)'
				});
		}
	} else if (a.reissue) need('reissue', 'only a reissue application names a licence to reissue (001 p.10)');

	return out;
}
