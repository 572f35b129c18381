/**
 * A list of breached and common passwords shipped with the app as data: the 49,000 passwords of
 * `@zxcvbn-ts/language-common` (drawn from public breach corpora), loaded on first use. A password is
 * refused when it, or it with a trailing run of digits and symbols removed ("password2024!"), is on
 * the list, case ignored. Nothing leaves the server (no online breach service is asked).
 */
let list: Promise<Set<string>> | null = null;

function load(): Promise<Set<string>> {
	list ??= import('@zxcvbn-ts/language-common').then(
		(m) => new Set((m.dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()))
	);
	return list;
}

export async function isBreachedPassword(password: string): Promise<boolean> {
	const known = await load();
	const lower = password.toLowerCase();
	const base = lower.replace(/[\d\W_]+$/u, '');
	return known.has(lower) || (base.length >= 4 && known.has(base));
}
