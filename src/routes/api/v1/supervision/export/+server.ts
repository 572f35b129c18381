import { apiRoute } from '$lib/server/http/api-error';
import { exportResponse } from '$lib/server/supervision/export-response';
import { loadAgencies, loadCompliance } from '$lib/server/supervision/analysis.repository';
import { loadComplaints } from '$lib/server/supervision/complaints.repository';
import { EXPORT_TABLES } from '$lib/server/supervision/export-tables';
import { csvStream } from '$lib/server/supervision/export-csv';
import { xlsxStream } from '$lib/server/supervision/export-xlsx';

/**
 * The analyses of a period as a file: `format=xlsx` (every table, one sheet each) or `format=csv`
 * (one `table`, `sep=;` for Kazakh/Russian Excel). Streamed; each export is audited with who took
 * which period and filters.
 */
export const GET = apiRoute((event) =>
	exportResponse(event, {
		tables: EXPORT_TABLES,
		defaultTable: 'services',
		fileBase: 'merzim-supervision',
		audit: {},
		load: async ({ ctx, calendar, now, query }, locale) => {
			const [compliance, agencies, complaints] = await Promise.all([
				loadCompliance(ctx.db, calendar, now, query.period, query.filters, locale),
				loadAgencies(ctx.db, calendar, query.period, query.filters),
				loadComplaints(ctx.db, calendar, now, query.period, query.filters)
			]);
			return {
				...compliance,
				agencies,
				complaintBodies: complaints.bodies,
				complaintUnits: complaints.units,
				complaintReviewers: complaints.reviewers
			};
		},
		xlsx: (data, { now, query }, locale, t) => xlsxStream(data, query.period, query.filters, now, locale, t),
		csv: csvStream
	})
);
