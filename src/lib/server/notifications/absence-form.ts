/**
 * The account page's absence form (ADR-087): whole days, a substitute picked from the eligible
 * colleagues, a reason from the list. Answers the service's input, or a code per wrong field for
 * the page to show beside it (the texts are the page's, in its language).
 */
import { z } from 'zod';
import { absenceReasons } from '../db/schema';
import {
	absencePeriod,
	type AbsenceFormErrors,
	type AbsenceFormValues
} from '../../domain/notifications/absence-period';
import { ALMATY_UTC_OFFSET_MS } from '../../domain/calendar/almaty-time';
import { isDomainError } from '../../domain/errors/domain-error';
import type { AbsenceReason } from './absences.service';

const Fields = z
	.object({
		from: z.string().max(10),
		to: z.string().max(10),
		substitute: z.string().max(64),
		reason: z.string().max(32)
	})
	.strict();

/** The Almaty date of an instant (ADR-001: UTC+5). */
export const almatyToday = (now: Date) => new Date(now.getTime() + ALMATY_UTC_OFFSET_MS).toISOString().slice(0, 10);

export function readAbsenceForm(
	form: FormData,
	now: Date
):
	| {
			ok: true;
			values: AbsenceFormValues;
			input: { substitute: string; startsAt: Date; endsAt: Date; reason: AbsenceReason };
	  }
	| { ok: false; values: AbsenceFormValues; errors: AbsenceFormErrors } {
	const raw = {
		from: String(form.get('from') ?? ''),
		to: String(form.get('to') ?? ''),
		substitute: String(form.get('substitute') ?? ''),
		reason: String(form.get('reason') ?? '')
	};
	const parsed = Fields.safeParse(raw);
	const values = parsed.success ? parsed.data : { from: '', to: '', substitute: '', reason: '' };
	const errors: AbsenceFormErrors = {};
	if (!parsed.success) return { ok: false, values, errors: { from: 'from-invalid' } };
	const period = absencePeriod(values.from, values.to, almatyToday(now));
	if (!period.ok) errors[period.field] = period.error;
	if (!values.substitute) errors.substitute = 'substitute-missing';
	const reason = absenceReasons.find((r) => r === values.reason);
	if (!reason) errors.reason = 'reason';
	if (!period.ok || !reason || errors.substitute) return { ok: false, values, errors };
	return {
		ok: true,
		values,
		input: { substitute: values.substitute, startsAt: period.startsAt, endsAt: period.endsAt, reason }
	};
}

/** The service's refusal as the form's field codes, or null when it is not about the fields. */
export function absenceServiceErrors(e: unknown): AbsenceFormErrors | null {
	if (!isDomainError(e) || !e.fields) return null;
	if (e.fields.substitute) return { substitute: 'substitute-not-eligible' };
	if (e.fields.startsAt) return { from: 'overlap' };
	if (e.fields.endsAt) return { to: 'to-before-from' };
	return null;
}
