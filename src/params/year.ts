import type { ParamMatcher } from '@sveltejs/kit';

/** Four digits; the range check (2000–2100) answers 400 with a message in the endpoint. */
export const match: ParamMatcher = (param) => /^\d{4}$/.test(param);
