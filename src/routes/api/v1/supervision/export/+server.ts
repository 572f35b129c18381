import { Readable } from 'node:stream';
import { z } from 'zod';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { analysisRequest } from '$lib/server/supervision/analysis-request';
import { loadAgencies, loadCompliance } from '$lib/server/supervision/analysis.repository';
import { loadComplaints } from '$lib/server/supervision/complaints.repository';
import { appendAuditEvent } from '$lib/server/audit/audit.repository';
import { EXPORT_LOCALES, EXPORT_TABLES, type Translate } from '$lib/server/supervision/export-tables';
import { csvStream } from '$lib/server/supervision/export-csv';
import { xlsxStream } from '$lib/server/supervision/export-xlsx';

const ExportOptions = z
	.object({
		format: z.enum(['xlsx', 'csv']),
		table: z.enum(EXPORT_TABLES).default('services'),
		sep: z.enum([',', ';']).default(','),
		lang: z.enum(EXPORT_LOCALES).optional()
	})
	.strict();

type Message = (inputs: object, options: { locale: string }) => string;
const translate: Translate = (key, locale) => (m as unknown as Record<string, Message>)[key]!({}, { locale });

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The analyses of a period as a file: `format=xlsx` (every table, one sheet each) or `format=csv`
 * (one `table`, `sep=;` for Kazakh/Russian Excel). Streamed; each export is audited with who took
 * which period and filters.
 */
export const GET = apiRoute(async (event) => {
	const { user, ctx, calendar, now, query } = await analysisRequest(event, ['format', 'table', 'sep', 'lang']);
	const parsed = ExportOptions.safeParse({
		format: event.url.searchParams.get('format') ?? undefined,
		table: event.url.searchParams.get('table') ?? undefined,
		sep: event.url.searchParams.get('sep') ?? undefined,
		lang: event.url.searchParams.get('lang') ?? undefined
	});
	if (!parsed.success) {
		const name = String(parsed.error.issues[0]!.path[0] ?? 'format');
		throw new ApiError(400, `Parameter "${name}": ${parsed.error.issues[0]!.message}.`, { [name]: 'invalid' });
	}
	const opts = parsed.data;
	const wanted: string = opts.lang ?? getLocale();
	const locale = EXPORT_LOCALES.find((l) => l === wanted) ?? 'en';
	const [compliance, agencies, complaints] = await Promise.all([
		loadCompliance(ctx.db, calendar, now, query.period, query.filters, locale),
		loadAgencies(ctx.db, calendar, query.period, query.filters),
		loadComplaints(ctx.db, calendar, now, query.period, query.filters)
	]);
	await appendAuditEvent(ctx.db, 'supervision-export', {
		type: 'supervision.exported',
		actor: { userId: user.id, label: user.username },
		at: now,
		after: {
			format: opts.format,
			table: opts.format === 'csv' ? opts.table : 'all',
			period: query.period,
			filters: query.filters
		}
	});
	const data = {
		...compliance,
		agencies,
		complaintBodies: complaints.bodies,
		complaintUnits: complaints.units,
		complaintReviewers: complaints.reviewers
	};
	const base = `merzim-supervision-${query.period.from}_${query.period.to}`;
	const stream =
		opts.format === 'xlsx'
			? xlsxStream(data, query.period, query.filters, now, locale, translate)
			: csvStream(opts.table, data, locale, opts.sep, translate);
	const name = opts.format === 'xlsx' ? `${base}.xlsx` : `${base}-${opts.table}.csv`;
	return new Response(Readable.toWeb(stream) as ReadableStream, {
		headers: {
			'content-type': opts.format === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store'
		}
	});
});
