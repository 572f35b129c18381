import { Readable } from 'node:stream';
import { z } from 'zod';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { analysisRequest } from '$lib/server/supervision/analysis-request';
import { loadExecutionRegister } from '$lib/server/supervision/execution-register.repository';
import { appendAuditEvent } from '$lib/server/audit/audit.repository';
import { EXPORT_LOCALES, type Translate } from '$lib/server/supervision/export-tables';
import { REGISTER_TABLES, registerCsv, registerXlsx } from '$lib/server/supervision/register-export';

const Options = z
	.object({
		format: z.enum(['xlsx', 'csv']),
		table: z.enum(REGISTER_TABLES).default('exports'),
		sep: z.enum([',', ';']).default(','),
		lang: z.enum(EXPORT_LOCALES).optional()
	})
	.strict();

type Message = (inputs: object, options: { locale: string }) => string;
const translate: Translate = (key, locale) => (m as unknown as Record<string, Message>)[key]!({}, { locale });

/**
 * The register of execution reports (001 pp.27–28, Annex 4) as XLSX (both tables) or CSV (one
 * `table`); streamed, and audited with who took which period.
 */
export const GET = apiRoute(async (event) => {
	const { user, ctx, calendar, now, query } = await analysisRequest(event, ['format', 'table', 'sep', 'lang']);
	const p = event.url.searchParams;
	const parsed = Options.safeParse({
		format: p.get('format') ?? undefined,
		table: p.get('table') ?? undefined,
		sep: p.get('sep') ?? undefined,
		lang: p.get('lang') ?? undefined
	});
	if (!parsed.success) {
		const name = String(parsed.error.issues[0]!.path[0] ?? 'format');
		throw new ApiError(400, `Parameter "${name}": ${parsed.error.issues[0]!.message}.`, { [name]: 'invalid' });
	}
	const opts = parsed.data;
	const wanted: string = opts.lang ?? getLocale();
	const locale = EXPORT_LOCALES.find((l) => l === wanted) ?? 'en';
	const data = await loadExecutionRegister(ctx.db, calendar, now, query.period, query.filters);
	await appendAuditEvent(ctx.db, 'supervision-export', {
		type: 'supervision.exported',
		actor: { userId: user.id, label: user.username },
		at: now,
		citation: '001 pp.27–28',
		after: {
			report: 'execution-register',
			format: opts.format,
			table: opts.format === 'csv' ? opts.table : 'all',
			period: query.period,
			filters: query.filters
		}
	});
	const base = `merzim-execution-reports-${query.period.from}_${query.period.to}`;
	const xlsx = opts.format === 'xlsx';
	const stream = xlsx
		? registerXlsx(data, query.period, now, locale, translate)
		: registerCsv(opts.table, data, locale, opts.sep, translate);
	return new Response(Readable.toWeb(stream) as ReadableStream, {
		headers: {
			'content-type': xlsx
				? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
				: 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${xlsx ? `${base}.xlsx` : `${base}-${opts.table}.csv`}"`,
			'cache-control': 'no-store'
		}
	});
});
