import { apiRoute } from '$lib/server/http/api-error';
import { exportResponse } from '$lib/server/supervision/export-response';
import { loadExecutionRegister } from '$lib/server/supervision/execution-register.repository';
import { REGISTER_TABLES, registerCsv, registerXlsx } from '$lib/server/supervision/register-export';

/**
 * The register of execution reports (001 pp.27–28, Annex 4) as XLSX (both tables) or CSV (one
 * `table`); streamed, and audited with who took which period.
 */
export const GET = apiRoute((event) =>
	exportResponse(event, {
		tables: REGISTER_TABLES,
		defaultTable: 'exports',
		fileBase: 'merzim-execution-reports',
		audit: { citation: '001 pp.27–28', report: 'execution-register' },
		load: ({ ctx, calendar, now, query }) => loadExecutionRegister(ctx.db, calendar, now, query.period, query.filters),
		xlsx: (data, { now, query }, locale, t) => registerXlsx(data, query.period, now, locale, t),
		csv: registerCsv
	})
);
