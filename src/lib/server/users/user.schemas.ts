/** Input shapes for user administration, shared by the admin page and the JSON API. */
import { z } from 'zod';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../auth/password';
import { ROLES } from '../../domain/access/roles';

const localName = z.string().trim().max(120).optional();
/** The name in Kazakh, Russian and English (ADR-062); a blank one falls back to `displayName`. */
export const DisplayNamesSchema = z.object({ kk: localName, ru: localName, en: localName }).strict();

export const NewUserSchema = z
	.object({
		username: z
			.string()
			.trim()
			.regex(/^[a-z0-9][a-z0-9._-]{1,39}$/i, 'Use 2–40 letters, digits, dots, dashes or underscores.'),
		displayName: z.string().trim().min(1, 'Enter a name.').max(120),
		displayNames: DisplayNamesSchema.optional(),
		password: z
			.string()
			.min(PASSWORD_MIN_LENGTH, `At least ${PASSWORD_MIN_LENGTH} characters.`)
			.max(PASSWORD_MAX_LENGTH),
		roles: z.array(z.enum(ROLES)).min(1, 'Choose at least one role.').max(ROLES.length),
		agencyCode: z
			.string()
			.regex(/^[a-z]{2,5}$/)
			.nullish(),
		unit: z.string().trim().max(80).nullish()
	})
	.strict();

export const RolesSchema = z.array(z.enum(ROLES)).max(ROLES.length);

/** What an admin edits of a person: the name shown (in each language) and the unit (empty clears it). */
export const ProfileSchema = z
	.object({
		displayName: z.string().trim().min(1, 'Enter a name.').max(120),
		displayNames: DisplayNamesSchema.optional(),
		unit: z
			.string()
			.trim()
			.max(80)
			.transform((u) => u || null)
	})
	.strict();

/**
 * An admin's edit of another user through the JSON API: any of name, unit, roles and the active
 * state; at least one; unknown keys refused. `unit: null` or `""` clears the unit.
 */
export const UserPatchSchema = z
	.object({
		displayName: z.string().trim().min(1, 'Enter a name.').max(120).optional(),
		unit: z
			.string()
			.trim()
			.max(80)
			.nullable()
			.transform((u) => u || null)
			.optional(),
		roles: RolesSchema.optional(),
		active: z.boolean().optional()
	})
	.strict()
	.refine((p) => Object.keys(p).length > 0, { message: 'Change at least one field.' });

export const LANGUAGES = ['kk', 'ru', 'en'] as const;

/** What a user sets for themselves (ADR-059): `PATCH /api/v1/me` and the account page. */
export const OwnSettingsSchema = z
	.object({
		language: z.enum(LANGUAGES).optional(),
		/** Empty clears it: no notification e-mails then. */
		email: z
			.union([z.email('Enter an e-mail address.').max(254), z.literal(''), z.null()])
			.transform((e) => e || null)
			.optional()
	})
	.strict()
	.refine((s) => s.language !== undefined || s.email !== undefined, 'Send language or email.');
