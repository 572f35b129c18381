/** Inputs of the notification API and pages (ADR-060): strict, unknown keys refused. */
import { z } from 'zod';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS } from '../../domain/notifications/kinds';

const id = z
	.number()
	.int()
	.positive()
	.max(2 ** 53 - 1);

/** `{"ids":[…]}` marks those read, `{"all":true}` every one. */
export const MarkReadSchema = z.union([
	z.object({ ids: z.array(id).min(1).max(500) }).strict(),
	z.object({ all: z.literal(true) }).strict()
]);

export const PreferenceChangesSchema = z
	.array(
		z
			.object({ kind: z.enum(NOTIFICATION_KINDS), channel: z.enum(NOTIFICATION_CHANNELS), enabled: z.boolean() })
			.strict()
	)
	.max(NOTIFICATION_KINDS.length * NOTIFICATION_CHANNELS.length);

export const ListQuerySchema = z
	.object({
		before: z.coerce.number().int().positive().optional(),
		limit: z.coerce.number().int().min(1).max(100).optional()
	})
	.strict();
