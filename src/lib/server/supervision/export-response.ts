/**
 * What every supervision file export does around its own tables: read `format`, `table`, `sep` and
 * `lang`, pick the reader's language, audit who took which period (before the file leaves), and
 * stream the file with its type and name. The caller gives the tables, the load and the writers.
 */
import { Readable } from 'node:stream';
import type { RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { ApiError } from '$lib/server/http/api-error';
import { zodIssueProblem } from '$lib/domain/errors/field-problem';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { appendAuditEvent } from '$lib/server/audit/audit.repository';
import { analysisRequest } from './analysis-request';
import { EXPORT_LOCALES, type ExportLocale, type Translate } from './export-tables';
import type { CsvSeparator } from './export-csv';

type Message = (inputs: object, options: { locale: string }) => string;
const translate: Translate = (key, locale) => (m as unknown as Record<string, Message>)[key]!({}, { locale });

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type AnalysisRequest = Awaited<ReturnType<typeof analysisRequest>>;

export interface ExportSpec<T extends string, D> {
	readonly tables: readonly [T, ...T[]];
	/** The CSV table when the query names none. */
	readonly defaultTable: T;
	/** Start of the file name; the period and, for CSV, the table follow. */
	readonly fileBase: string;
	/** What the audit row carries beyond format, table, period and filters. */
	readonly audit: { readonly citation?: string; readonly report?: string };
	load(req: AnalysisRequest, locale: ExportLocale): Promise<D>;
	xlsx(data: D, req: AnalysisRequest, locale: ExportLocale, t: Translate): Readable;
	csv(table: T, data: D, locale: ExportLocale, sep: CsvSeparator, t: Translate): Readable;
}

export async function exportResponse<T extends string, D>(
	event: RequestEvent,
	spec: ExportSpec<T, D>
): Promise<Response> {
	const req = await analysisRequest(event, ['format', 'table', 'sep', 'lang']);
	const { user, ctx, now, query } = req;
	const p = event.url.searchParams;
	const parsed = z
		.object({
			format: z.enum(['xlsx', 'csv']),
			table: z.enum(spec.tables).default(spec.defaultTable as never),
			sep: z.enum([',', ';']).default(','),
			lang: z.enum(EXPORT_LOCALES).optional()
		})
		.strict()
		.safeParse({
			format: p.get('format') ?? undefined,
			table: p.get('table') ?? undefined,
			sep: p.get('sep') ?? undefined,
			lang: p.get('lang') ?? undefined
		});
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		const name = String(issue.path[0] ?? 'format');
		throw new ApiError(400, `Parameter "${name}": ${issue.message}.`, { [name]: zodIssueProblem(issue) });
	}
	const opts = parsed.data;
	const table = opts.table as T;
	const wanted: string = opts.lang ?? getLocale();
	const locale = EXPORT_LOCALES.find((l) => l === wanted) ?? 'en';
	const data = await spec.load(req, locale);
	const xlsx = opts.format === 'xlsx';
	await appendAuditEvent(ctx.db, 'supervision-export', {
		type: 'supervision.exported',
		actor: { userId: user.id, label: user.username },
		at: now,
		...(spec.audit.citation ? { citation: spec.audit.citation } : {}),
		after: {
			...(spec.audit.report ? { report: spec.audit.report } : {}),
			format: opts.format,
			table: xlsx ? 'all' : table,
			period: query.period,
			filters: query.filters
		}
	});
	const base = `${spec.fileBase}-${query.period.from}_${query.period.to}`;
	const stream = xlsx ? spec.xlsx(data, req, locale, translate) : spec.csv(table, data, locale, opts.sep, translate);
	return new Response(Readable.toWeb(stream) as ReadableStream, {
		headers: {
			'content-type': xlsx ? XLSX_TYPE : 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${xlsx ? `${base}.xlsx` : `${base}-${table}.csv`}"`,
			'cache-control': 'no-store'
		}
	});
}
