import type { RequestHandler } from './$types';
import { requirePermission } from '$lib/server/auth/guard';
import { parseCaseListFilter } from '$lib/server/cases/case-list.filter';
import { listCasePage } from '$lib/server/cases/case-list.repository';
import { searchScope } from '$lib/domain/access/search-scope';
import { csvLine } from '$lib/server/cases/csv';
import { displayLocale } from '$lib/format';

/** Rows per read: the export walks the filter by keyset, one page at a time, as the client reads. */
const BATCH = 1000;
const HEADER = [
	'number',
	'service',
	'stage',
	'applicant',
	'bin',
	'assignee',
	'unit',
	'received_at',
	'decided_at',
	'next_due_at'
];

/** The current `/cases` view as CSV (UTF-8 with BOM for spreadsheet programs), streamed. */
export const GET: RequestHandler = async (event) => {
	const user = requirePermission(event, 'cases:read');
	const { db, clock } = event.locals.ctx;
	const { filter } = parseCaseListFilter(event.url.searchParams);
	const viewer = {
		userId: user.id,
		scope: searchScope({ userId: user.id, roles: user.roles, unit: user.unit, agencyCode: user.agencyCode }),
		locale: displayLocale()
	};
	const now = clock.now();
	let after: string | null = null;
	let started = false;
	const encoder = new TextEncoder();
	const stream = new ReadableStream<Uint8Array>({
		async pull(controller) {
			if (!started) {
				started = true;
				controller.enqueue(encoder.encode('\uFEFF' + csvLine(HEADER)));
			}
			const page = await listCasePage(
				db,
				{ ...filter, before: undefined, after: after ?? undefined },
				viewer,
				now,
				BATCH
			);
			const text = page.rows
				.map((r) =>
					csvLine([
						r.number,
						r.service,
						r.stage,
						r.applicant,
						r.bin,
						r.assignee ?? '',
						r.unit ?? '',
						r.receivedAt,
						r.decidedAt ?? '',
						r.nextDueAt ?? ''
					])
				)
				.join('');
			if (text) controller.enqueue(encoder.encode(text));
			if (!page.next) controller.close();
			else after = page.next;
		}
	});
	return new Response(stream, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': 'attachment; filename="cases.csv"',
			'cache-control': 'private, no-store'
		}
	});
};
