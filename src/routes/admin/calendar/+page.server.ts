import { fail } from '@sveltejs/kit';
import { kzPublicHolidays } from '$lib/domain/calendar/kz-public-holidays';
import { displayLocale } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/auth/guard';
import { OverrideInputSchema } from '$lib/server/calendar/override.schema';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { fieldAnswers } from '$lib/server/http/error-answer';
import { zodFieldProblems } from '$lib/domain/errors/field-problem';
import type { z } from 'zod';
import { SUPPORTED_FIRST_YEAR, SUPPORTED_LAST_YEAR } from '$lib/domain/calendar';

export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'calendar:manage');
	const { calendar: service, clock } = event.locals.ctx;
	const calendar = await service.current();
	const asked = Number(event.url.searchParams.get('year'));
	const year =
		Number.isInteger(asked) && asked >= SUPPORTED_FIRST_YEAR && asked <= SUPPORTED_LAST_YEAR
			? asked
			: Number(calendar.localDate(clock.now()).slice(0, 4));
	return {
		year,
		// Holiday names in the reader's language; overrides keep the admin's own words.
		holidays: calendar
			.nonWorkingDays(year)
			.filter((d) => d.kind !== 'weekend')
			.map((d) =>
				d.kind === 'holiday' ? { ...d, name: kzPublicHolidays(year, displayLocale()).get(d.date)?.name ?? d.name } : d
			),
		workingWeekendDays: calendar.workingWeekendDays(year),
		overrides: (await service.overrides()).filter((o) => o.date.startsWith(`${year}-`))
	};
};

function parse(form: FormData) {
	return OverrideInputSchema.safeParse(
		{ date: form.get('date'), kind: form.get('kind'), reason: form.get('reason') },
		{ reportInput: true }
	);
}

/** The form's field problems, coded, each message in the page's language (ADR-107). */
const formFields = (error: z.ZodError) => fieldAnswers(zodFieldProblems(error, 'form-field'), getLocale());

export const actions: Actions = {
	/** First step: what the change would do to open deadlines. Nothing is written. */
	preview: async (event) => {
		requirePermission(event, 'calendar:manage');
		const input = parse(await event.request.formData());
		if (!input.success) return fail(422, { fields: formFields(input.error) });
		const { date, kind, reason } = input.data;
		const summary = await event.locals.ctx.calendar.preview({ date, override: { kind, reason } });
		return { preview: { date, kind, reason, ...summary } };
	},
	apply: async (event) => {
		const admin = requirePermission(event, 'calendar:manage');
		const input = parse(await event.request.formData());
		if (!input.success) return fail(422, { fields: formFields(input.error) });
		const { date, kind, reason } = input.data;
		const summary = await event.locals.ctx.calendar.change(
			{ date, override: { kind, reason } },
			{ userId: admin.id, label: admin.username }
		);
		return {
			message: m.ops2_calendar_saved({ date, moved: summary.moved, breached: summary.intoBreach })
		};
	},
	remove: async (event) => {
		const admin = requirePermission(event, 'calendar:manage');
		const date = String((await event.request.formData()).get('date') ?? '');
		if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return fail(422, { message: m.ops2_calendar_unknown_date() });
		const summary = await event.locals.ctx.calendar.change(
			{ date, override: null },
			{ userId: admin.id, label: admin.username }
		);
		return { message: m.ops2_calendar_removed({ date, moved: summary.moved }) };
	}
};
