/**
 * Every field-problem code the code base names has its own message in kk, ru and en (ADR-107,
 * ADR-120): `cite_field_<code>`, or `err_<code>` when the problem is the error itself told of its
 * field. A code without one would answer the generic "not a valid value" in Kazakh and Russian.
 * The codes are read from the sources, so a new one cannot be added without its messages.
 */
import { describe, expect, it } from 'vitest';
import kk from '../../../../messages/kk.json';
import ru from '../../../../messages/ru.json';
import en from '../../../../messages/en.json';
import { WEBHOOK_URL_MESSAGES } from '../../domain/webhooks/webhook-url';
import { fieldMessage } from './error-answer';

const sources = import.meta.glob(['/src/**/*.ts', '!/src/**/*.spec.ts', '!/src/lib/paraglide/**'], {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

const KEBAB = /'([a-z]+(?:-[a-z]+)*)'/g;
const quoted = (text: string) => [...text.matchAll(KEBAB)].map((m) => m[1]!);

/** The codes written in the sources: `fieldProblem('code', …)` (either branch of a ternary), a
 * custom zod issue's `params: { code }`, a problem written as a literal, a user form's refusal. */
function codesInSources(): Set<string> {
	const codes = new Set<string>();
	for (const text of Object.values(sources)) {
		for (const m of text.matchAll(/fieldProblem\(\s*([^,]+),/g)) quoted(m[1]!).forEach((c) => codes.add(c));
		for (const m of text.matchAll(/params: \{[^}]*?\bcode: '([a-z-]+)'/g)) codes.add(m[1]!);
		// A literal `{ code, message }` only where the file speaks of field problems (not an error body).
		if (text.includes('field-problem'))
			for (const m of text.matchAll(/\{\s*code: '([a-z-]+)',\s*message\b/g)) codes.add(m[1]!);
		for (const m of text.matchAll(/new UserInputError\(\s*'[a-z-]+',\s*'([a-z-]+)'/g)) codes.add(m[1]!);
	}
	return codes;
}

/** Codes built at run time: a webhook address's problem, a signer's refusal of a keystore. */
const BUILT = [
	...Object.keys(WEBHOOK_URL_MESSAGES).map((p) => `webhook-url-${p}`),
	'untrusted-certificate',
	'wrong-pin',
	'certificate-expired',
	'certificate-not-yet-valid',
	'certificate-revoked',
	'revocation-unavailable'
];

const CATALOGUES = { kk, ru, en } as Record<'kk' | 'ru' | 'en', Record<string, string>>;
const key = (code: string) => code.replaceAll('-', '_');

describe('the field-problem catalogue', () => {
	const codes = [...new Set([...codesInSources(), ...BUILT])].sort();

	it('finds the codes the sources name', () => {
		expect(codes).toEqual(expect.arrayContaining(['required', 'invalid-bin', 'not-between', 'repeated']));
	});

	it.each(codes)('has a message for %s in kk, ru and en', (code) => {
		for (const [lang, catalogue] of Object.entries(CATALOGUES))
			expect(catalogue[`cite_field_${key(code)}`] ?? catalogue[`err_${key(code)}`], `${code} in ${lang}`).toBeTruthy();
	});

	it('answers a problem that is the error itself with the error’s message', () => {
		const p = { code: 'wrong-current-password', message: 'The current password is wrong.' };
		expect(fieldMessage(p, 'kk')).toBe('Қазіргі құпиясөз қате.');
		expect(fieldMessage(p, 'ru')).toBe('Текущий пароль неверен.');
	});
});
