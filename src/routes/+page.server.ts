import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireUser, userCan } from '$lib/server/auth/guard';

/** Sends each role to where its work is. */
export const load: PageServerLoad = async (event) => {
	requireUser(event);
	if (userCan(event, 'complaints:review')) redirect(303, '/complaints');
	if (userCan(event, 'cases:read')) redirect(303, '/queue');
	if (userCan(event, 'consultations:answer')) redirect(303, '/consultations');
	if (userCan(event, 'board:read')) redirect(303, '/board');
	redirect(303, '/account');
};
