/** Builders shared by the action handlers: a plan with nothing but what is given, and a planned event. */
import type { ActionPlan, PlannedEvent } from './types';

export const plan = (p: Partial<ActionPlan> & Pick<ActionPlan, 'events'>): ActionPlan => ({
	stage: null,
	clockOps: [],
	consultationsToRequest: [],
	decides: false,
	...p
});

export const event = (type: string, at: Date, citation: string, after: Record<string, unknown>): PlannedEvent => ({
	type,
	at,
	citation,
	after
});
