/**
 * What went wrong, in domain terms (ADR-031): a `kind` (the case does not exist, the actor may not,
 * the case's state does not allow it, the input is wrong) and a stable machine `code` that the
 * message catalogue translates (`err_<code>`, with `params`). The English `message` is for logs and
 * tests. Turning an error into an HTTP answer or a socket acknowledgement is one mapping, in
 * src/lib/server/http/error-answer.ts; nothing here knows HTTP.
 */
import type { FieldProblem } from './field-problem';

export type DomainErrorKind =
	| 'invalid' // the input breaks a rule: fix it and send again
	| 'not-found' // nothing of that id, or nothing the actor may see
	| 'forbidden' // the actor may not do this
	| 'conflict' // the case's present state does not allow it
	| 'unauthenticated' // nobody is signed in
	| 'rate-limited' // too many tries: wait
	| 'unavailable'; // could not be done now: try again

/**
 * The brand that recognises a domain error whichever bundle threw it: the server bundle (dist/)
 * and SvelteKit's (build/) each carry their own copy of this class, so `instanceof` is not
 * reliable across them and the class name is no contract; a registered symbol is one value for both.
 */
const BRAND = Symbol.for('merzim.domain-error');

export class DomainError extends Error {
	readonly [BRAND] = true;
	constructor(
		readonly kind: DomainErrorKind,
		/** Stable, kebab-case; the catalogue key is `err_` + the code with `-` as `_`. */
		readonly code: string,
		message: string,
		/** Values the catalogue message names (`{action}`, `{citation}`…). */
		readonly params: Readonly<Record<string, string>> = {},
		/** Per input field, what is wrong with it: always a coded problem (ADR-107, ADR-120). */
		readonly fields?: Readonly<Record<string, FieldProblem>>
	) {
		super(message);
	}
}

export function isDomainError(e: unknown): e is DomainError {
	return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[BRAND] === true;
}
