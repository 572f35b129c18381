import { getLocale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';
import { apiRoute } from '$lib/server/http/api-error';
import { analysisRequest } from '$lib/server/supervision/analysis-request';
import { loadAgencies, loadCompliance } from '$lib/server/supervision/analysis.repository';
import { loadComplaints } from '$lib/server/supervision/complaints.repository';
import { loadAgencyTrend, loadWorkloadAsOf } from '$lib/server/supervision/trend-workload.repository';
import { parseAsOf } from '$lib/server/supervision/as-of-query';
import { appendAuditEvent } from '$lib/server/audit/audit.repository';
import { buildReportPdf, type ReportWords } from '$lib/server/supervision/report-pdf';
import { agencyShort, clockName, serviceName, stageName } from '$lib/labels';
import { displayLocale, formatAlmaty } from '$lib/format';

type Message = (inputs?: Record<string, string | number>) => string;
const messages = m as unknown as Record<string, Message>;

/**
 * The supervision page for the period as a tagged PDF (ADR-091), in the reader's language: the
 * same period, filters and `at` as the page and the JSON API, so the figures are theirs. Audited
 * as an export (who took which period).
 */
export const GET = apiRoute(async (event) => {
	const { user, ctx, calendar, now, query } = await analysisRequest(event, ['at']);
	const asOf = parseAsOf(event.url.searchParams.get('at'), now);
	const locale = displayLocale();
	const [compliance, agencies, complaints, trend, workload] = await Promise.all([
		loadCompliance(ctx.db, calendar, now, query.period, query.filters, locale),
		loadAgencies(ctx.db, calendar, query.period, query.filters),
		loadComplaints(ctx.db, calendar, now, query.period, query.filters),
		loadAgencyTrend(ctx.db, calendar, query.period, query.filters),
		loadWorkloadAsOf(ctx.db, asOf, query.filters)
	]);
	const lang = getLocale();
	const words: ReportWords = {
		locale: lang === 'kk' || lang === 'ru' ? lang : 'en',
		t: (key, params) => messages[key]!(params ?? {}),
		service: serviceName,
		stage: stageName,
		agency: agencyShort,
		clock: clockName,
		dateTime: (at) => formatAlmaty(at)
	};
	const f = query.filters;
	const filterLines = [
		f.service ? `${m.superv_col_service()}: ${serviceName(f.service)}` : null,
		f.unit ? `${m.superv_col_unit()}: ${f.unit}` : null,
		f.officer
			? `${m.superv_col_officer()}: ${compliance.officers.find((o) => o.key === String(f.officer))?.label ?? f.officer}`
			: null,
		f.agency ? `${m.superv_col_agency()}: ${agencyShort(f.agency)}` : null
	].filter((l): l is string => l !== null);
	const bytes = await buildReportPdf(
		{ period: query.period, filterLines, compliance, agencies, complaints, trend, workload },
		words,
		{ createdAt: now, author: user.username }
	);
	await appendAuditEvent(ctx.db, 'supervision-export', {
		type: 'supervision.exported',
		actor: { userId: user.id, label: user.username },
		at: now,
		after: { format: 'pdf', table: 'all', period: query.period, filters: query.filters, at: asOf.toISOString() }
	});
	return new Response(bytes as unknown as BodyInit, {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `attachment; filename="merzim-supervision-${query.period.from}_${query.period.to}.pdf"`,
			'cache-control': 'no-store'
		}
	});
});
