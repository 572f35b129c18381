/**
 * The supervision analyses' query string, shared by the page, the JSON API and the exports: a period
 * (`period=week|month|quarter|year`, or `from` and `to` for a custom range; this month by default,
 * on the Almaty calendar) and filters. Unknown or repeated parameters are refused with the name at fault.
 */
import { z } from 'zod';
import { ApiError } from '../http/api-error';
import { fieldProblem, zodIssueProblem } from '../../domain/errors/field-problem';
import { onlyParams, parseDate } from '../calendar/calendar-query';
import { customPeriod, periodContaining, type Period } from '../../domain/supervision/period';
import type { LocalDate } from '../../domain/calendar';

export interface AnalysisFilters {
	readonly service?: string;
	readonly unit?: string;
	/** The responsible executor (cases.assignee_id). */
	readonly officer?: number;
	readonly agency?: string;
}

export interface AnalysisQuery {
	readonly period: Period;
	readonly filters: AnalysisFilters;
}

const FILTER_PARAMS = ['period', 'from', 'to', 'service', 'unit', 'officer', 'agency'];

const Filters = z
	.object({
		period: z.enum(['week', 'month', 'quarter', 'year', 'custom']).optional(),
		service: z
			.string()
			.regex(/^[a-z][a-z0-9-]{0,63}$/, 'a service code')
			.optional(),
		unit: z.string().min(1).max(120).optional(),
		officer: z.coerce.number().int().positive().optional(),
		agency: z
			.string()
			.regex(/^[a-z][a-z0-9-]{0,31}$/, 'an agency code')
			.optional()
	})
	.strict();

/** Parses `params`; `extra` names further parameters the caller reads itself (e.g. `format`). */
export function parseAnalysisQuery(params: URLSearchParams, today: LocalDate, extra: string[] = []): AnalysisQuery {
	onlyParams(params, [...FILTER_PARAMS, ...extra]);
	const single: Record<string, string> = {};
	for (const key of FILTER_PARAMS) {
		const values = params.getAll(key);
		if (values.length > 1)
			throw new ApiError(400, `Parameter "${key}" is given more than once.`, {
				[key]: fieldProblem('repeated', 'repeated')
			});
		if (values[0]) single[key] = values[0];
	}
	const { from, to, ...rest } = single;
	const parsed = Filters.safeParse(rest);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		const name = String(issue.path[0] ?? 'query');
		throw new ApiError(400, `Parameter "${name}": ${issue.message}.`, { [name]: zodIssueProblem(issue) });
	}
	const { period: kind, ...filters } = parsed.data;
	if (from || to || kind === 'custom') {
		if (!from || !to)
			throw new ApiError(400, 'A custom period needs both "from" and "to".', {
				[from ? 'to' : 'from']: fieldProblem('required', 'required')
			});
		if (kind && kind !== 'custom')
			throw new ApiError(400, `"from"/"to" make a custom period; drop "period=${kind}".`, {
				period: fieldProblem('not-with-custom-period', 'conflict')
			});
		try {
			return { period: customPeriod(parseDate('from', from), parseDate('to', to)), filters };
		} catch (e) {
			if (e instanceof RangeError)
				throw new ApiError(400, '"to" is before "from".', {
					to: fieldProblem('too-early', 'before from', { min: from })
				});
			throw e;
		}
	}
	return { period: periodContaining(kind ?? 'month', today), filters };
}
