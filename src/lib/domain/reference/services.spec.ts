import { describe, expect, it } from 'vitest';
import { COMPLAINT_TERMS, SERVICES, SERVICE_CODES, findService, isServiceCode, serviceByPrefix } from './services';
import { groundsFor } from './refusal-grounds';

const svc = (code: string) => {
	const s = findService(code);
	if (!s) throw new Error(`no service ${code}`);
	return s;
};

describe('services catalogue', () => {
	it('has the ten stable codes with their case-number prefixes', () => {
		expect(Object.fromEntries(SERVICES.map((s) => [s.code, s.casePrefix]))).toEqual({
			'export-licence': 'EL',
			'import-licence': 'IL',
			'general-export-licence': 'GL',
			'licence-reissue': 'RI',
			'licence-reissue-separation': 'RS',
			'end-user-certificate': 'EUC',
			'import-certificate': 'IIC',
			complaint: 'CMP',
			'device-verification': 'DEV',
			'customs-representative-register': 'CR'
		});
		expect(SERVICES.map((s) => s.code)).toEqual([...SERVICE_CODES]);
		expect(new Set(SERVICES.map((s) => s.casePrefix)).size).toBe(SERVICES.length);
	});

	it.each([
		['export-licence', 30, 'working-days'],
		['import-licence', 30, 'working-days'],
		['general-export-licence', 30, 'working-days'],
		['licence-reissue', 3, 'working-days'],
		['licence-reissue-separation', 30, 'working-days'],
		['end-user-certificate', 7, 'working-days'],
		['import-certificate', 7, 'working-days'],
		['complaint', 5, 'working-days'],
		['device-verification', 1, 'working-days'],
		['customs-representative-register', 14, 'calendar-days']
	] as const)('%s has a term of %i %s', (code, length, unit) => {
		expect(svc(code).term).toMatchObject({ length, unit });
		expect(svc(code).term.citation).toMatch(/^00[0-4] /);
	});

	it('marks the customs-representative term as derived, not statutory', () => {
		expect(svc('customs-representative-register').term.basis).toBe('derived');
		expect(SERVICES.filter((s) => s.term.basis === 'derived').map((s) => s.code)).toEqual([
			'customs-representative-register'
		]);
	});

	it('has completeness checks of 2 WD for licences and 3 WD for certificates', () => {
		for (const code of ['export-licence', 'import-licence', 'general-export-licence', 'licence-reissue']) {
			expect(svc(code).completenessCheck).toMatchObject({ length: 2, citation: '001 p.15 para 1' });
		}
		for (const code of ['end-user-certificate', 'import-certificate']) {
			expect(svc(code).completenessCheck).toMatchObject({ length: 3, citation: '000 p.11' });
		}
		expect(svc('complaint').completenessCheck).toBeNull();
	});

	it('runs consultations for the three licence types, the MFA check only for export and general', () => {
		expect(SERVICES.filter((s) => s.consultations).map((s) => s.code)).toEqual([
			'export-licence',
			'import-licence',
			'general-export-licence'
		]);
		expect(SERVICES.filter((s) => s.mfaCheck !== 'none').map((s) => s.code)).toEqual([
			'export-licence',
			'general-export-licence'
		]);
		expect(SERVICES.filter((s) => s.controlSystemRequest).map((s) => s.code)).toEqual([
			'export-licence',
			'general-export-licence'
		]);
	});

	it('needs a hearing exactly where a list of refusal grounds applies', () => {
		for (const s of SERVICES) {
			expect(s.hearing).toBe(s.refusalGrounds !== null);
			if (s.refusalGrounds) expect(groundsFor(s.refusalGrounds).length).toBeGreaterThan(0);
		}
	});

	it('has the fees of 001 row 6 and free certificates', () => {
		expect(svc('export-licence').feeMci).toBe(10);
		expect(svc('licence-reissue').feeMci).toBe(1);
		expect(svc('end-user-certificate').feeMci).toBe(0);
	});

	it('has names in three languages', () => {
		for (const s of SERVICES) for (const n of [s.nameEn, s.nameRu, s.nameKk]) expect(n.length).toBeGreaterThan(5);
	});

	it('keeps the complaint clocks of ADR-011', () => {
		expect(COMPLAINT_TERMS.forwarding.length).toBe(3);
		expect(COMPLAINT_TERMS.reviewByProvider.length).toBe(5);
		expect(COMPLAINT_TERMS.reviewByQualityBody.length).toBe(15);
		expect(COMPLAINT_TERMS.maxExtension.length).toBe(10);
		expect(COMPLAINT_TERMS.extensionNotice.length).toBe(3);
	});

	it('looks services up by code and prefix', () => {
		expect(serviceByPrefix('EUC')?.code).toBe('end-user-certificate');
		expect(serviceByPrefix('XX')).toBeUndefined();
		expect(isServiceCode('complaint')).toBe(true);
		expect(isServiceCode('Complaint')).toBe(false);
	});
});
