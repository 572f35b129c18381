import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { newTotpKey, totpKeyText, totpUri, verifyTotpAt } from '$lib/server/auth/totp';
import { confirmIdentity } from '$lib/server/auth/confirm-identity';
import { issueRecoveryCodes } from '$lib/server/auth/recovery-codes';
import QRCode from 'qrcode';
import { m } from '$lib/paraglide/messages';

/**
 * Enrolment of a TOTP app. The proposed key travels in a hidden field and is stored only once the
 * user proves their app produces its codes; until then the session stays unverified. Outside the
 * sign-in (a verified session replacing or adding a factor) the user also gives the password or a
 * current code, and every other session of the user ends. The QR code is an SVG rendered here (no
 * script in the page, CSP allows data: images); the recovery codes are in the answer that turns the
 * factor on, and nowhere else ever again.
 */
export const load: PageServerLoad = async ({ locals }) => {
	if (!locals.session || !locals.user) redirect(303, '/login');
	if (locals.user.hasTotp && !locals.session.twoFactorVerified) redirect(303, '/login/two-factor');
	const key = newTotpKey();
	const uri = totpUri(key, locals.user.username);
	const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
	return {
		keyText: totpKeyText(key),
		uri,
		qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
		required: locals.user.mfaRequired,
		confirm: locals.session.twoFactorVerified
	};
};

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const { session, user, ctx } = locals;
		if (!session || !user) redirect(303, '/login');
		if (user.hasTotp && !session.twoFactorVerified) redirect(303, '/login/two-factor');
		const form = await request.formData();
		const keyText = String(form.get('key') ?? '');
		const code = String(form.get('code') ?? '').trim();
		let key: Uint8Array;
		try {
			key = decodeBase32IgnorePadding(keyText);
		} catch {
			return fail(400, { message: m.ops3_2fa_form_damaged() });
		}
		if (key.length !== 20) return fail(400, { message: m.ops3_2fa_form_damaged() });
		if (session.twoFactorVerified) {
			const confirmed = await confirmIdentity(ctx, user.id, String(form.get('current') ?? ''));
			if (!confirmed.ok) return fail(confirmed.status, { message: confirmed.message });
		}
		if (!verifyTotpAt(key, code, ctx.realClock.now())) return fail(400, { message: m.ops3_2fa_code_mismatch() });
		const actor = { userId: user.id, label: user.username };
		await ctx.users.setTotpKey(user.id, key, actor);
		const recoveryCodes = await ctx.db.transaction((tx) => issueRecoveryCodes(tx, user.id, actor, ctx.clock.now()));
		await ctx.sessions.invalidateAllForUser(user.id, session.id);
		await ctx.sessions.markTwoFactorVerified(session.id);
		return { recoveryCodes };
	}
};
