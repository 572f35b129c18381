/** The shape of a calendar override as admins enter it (page and API). */
import { z } from 'zod';

export const OverrideInputSchema = z
	.object({
		date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date YYYY-MM-DD.'),
		kind: z.enum(['day_off', 'working_day'], { message: 'Choose "day off" or "working day".' }),
		reason: z.string().trim().min(3, 'Give the reason, e.g. the decree number.').max(300)
	})
	.strict();
