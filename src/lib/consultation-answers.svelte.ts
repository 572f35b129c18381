/**
 * The liaison page's answering: one answer at a time, the server's verdict as a message that
 * outlives the row (an answered request leaves the list), and the list reloaded after each answer —
 * also after a refusal, since a 409 means the request is no longer pending.
 */
import { invalidateAll } from '$app/navigation';
import { m } from '$lib/paraglide/messages';
import { answerBody, postConsultationAnswer, type ConsultationDecision } from '$lib/consultations';

export class ConsultationAnswers {
	/** The consultation being answered, if any. */
	busy = $state<string | null>(null);
	notice = $state<{ ok: boolean; text: string; detail?: string } | null>(null);

	/** Sends the answer; false when nothing was sent because an objection lacks its reason. */
	async answer(
		c: { id: string; caseNumber: string },
		decision: ConsultationDecision,
		reason: string
	): Promise<boolean> {
		const body = answerBody(decision, reason);
		if (!body) {
			this.notice = { ok: false, text: m.consultation_reason_needed({ case: c.caseNumber }) };
			return false;
		}
		this.busy = c.id;
		try {
			const r = await postConsultationAnswer(c.id, body);
			const said = decision === 'approve' ? m.decision_approve() : m.decision_object();
			if (r.ok) this.notice = { ok: true, text: m.consultation_answered({ case: c.caseNumber, decision: said }) };
			else if (r.keptLate)
				this.notice = { ok: false, text: `${c.caseNumber}: ${m.consultation_late()}`, detail: r.error };
			else {
				const fields = Object.entries(r.fields ?? {}).map(([k, v]) => `${k}: ${v}`);
				this.notice = {
					ok: false,
					text: m.consultation_failed({ case: c.caseNumber, error: r.error ?? String(r.status) }),
					detail: fields.join('; ') || undefined
				};
			}
			if (r.ok || r.status === 409 || r.status === 404) await invalidateAll();
		} catch {
			this.notice = { ok: false, text: m.consultation_failed({ case: c.caseNumber, error: m.something_wrong() }) };
		} finally {
			this.busy = null;
		}
		return true;
	}
}
