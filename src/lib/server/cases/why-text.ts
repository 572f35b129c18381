/**
 * "Why this date?" in the reader's language: the days the count skipped (a weekend day by its
 * name, a holiday by its name in that language, an override by the admin's reason) and each event
 * of the clock with the due it left. Built on the server, where the holiday names in kk and ru are.
 */
import type { ClockExplanation } from '$lib/domain/sla/explain-clock';
import type { ClockEvent } from '$lib/domain/sla/clock-types';
import { kzPublicHolidays } from '$lib/domain/calendar/kz-public-holidays';
import { formatDateTime, type DisplayLocale } from '$lib/domain/format/display-format';
import { formatCitations } from '$lib/domain/legal/citation';
import { m } from '$lib/paraglide/messages';
import { suspensionReason, termLength } from '$lib/labels';

interface Unit {
	length: number;
	unit: string;
	citation: string;
}

function skippedReason(d: ClockExplanation['skipped'][number], locale: DisplayLocale): string {
	if (d.kind === 'weekend')
		return d.reason === 'Saturday' ? m.weekday_saturday({}, { locale }) : m.weekday_sunday({}, { locale });
	if (d.kind === 'holiday') return kzPublicHolidays(Number(d.date.slice(0, 4)), locale).get(d.date)?.name ?? d.reason;
	return d.reason; // an override: the admin's own words
}

function step(e: ClockEvent, clock: Unit, locale: DisplayLocale): string {
	const at = formatDateTime(e.at, locale);
	const o = { locale };
	const cite = (c: string) => formatCitations(c, locale);
	switch (e.type) {
		case 'started':
			return clock.unit === 'working_hours'
				? m.why_started_hours({ at, count: String(clock.length), citation: cite(clock.citation) }, o)
				: m.why_started({ at, term: termLength(clock.length, clock.unit), citation: cite(clock.citation) }, o);
		case 'suspended':
			return m.why_suspended({ at, reason: suspensionReason(e.reason), citation: cite(e.legalBasis) }, o);
		case 'resumed':
			return m.why_resumed({ at }, o);
		case 'extended':
			return m.why_extended({ at, term: termLength(e.by, clock.unit), citation: cite(e.citation) }, o);
		case 'met':
			return m.why_met({ at }, o);
		case 'breached':
			return m.why_breached({ at }, o);
		case 'cancelled':
			return m.why_cancelled({ at, reason: e.reason }, o);
	}
}

export function whyText(why: ClockExplanation, clock: Unit, locale: DisplayLocale) {
	const o = { locale };
	const steps = why.trace.map(({ event, dueAfter }) =>
		dueAfter === null
			? m.why_due_unknown({ step: step(event, clock, locale) }, o)
			: m.why_due({ step: step(event, clock, locale), due: formatDateTime(dueAfter, locale) }, o)
	);
	for (const s of why.suspensions)
		steps.push(
			m.why_suspension(
				{
					from: formatDateTime(s.from, locale),
					to: s.to ? formatDateTime(s.to, locale) : m.why_open({}, o),
					minutes: String(s.remainingWorkingMinutes),
					citation: formatCitations(s.legalBasis, locale)
				},
				o
			)
		);
	return { skipped: why.skipped.map((d) => ({ date: d.date, reason: skippedReason(d, locale) })), steps };
}
