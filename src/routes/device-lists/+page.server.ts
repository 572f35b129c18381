import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requirePermission } from '$lib/server/auth/guard';
import { DeviceListFaults, importDeviceList, listDeviceLists } from '$lib/server/devices/device-lists';
import { readDeviceListForm } from '$lib/server/devices/device-list-request';
import { isDomainError } from '$lib/domain/errors/domain-error';

/** The monthly device lists of 004 P 11: officers and heads who verify devices (004 P 14–15). */
export const load: PageServerLoad = async (event) => {
	requirePermission(event, 'device-lists:work');
	const { ctx } = event.locals;
	const now = ctx.clock.now();
	return { months: await listDeviceLists(ctx.db, await ctx.calendar.current(), now), asOf: now.toISOString() };
};

export const actions: Actions = {
	import: async (event) => {
		const user = requirePermission(event, 'device-lists:work');
		const { ctx } = event.locals;
		try {
			const upload = await readDeviceListForm(await event.request.formData());
			const list = await importDeviceList(
				ctx.db,
				upload,
				{ userId: user.id, label: user.username },
				ctx.clock.now(),
				await ctx.calendar.current()
			);
			return { imported: list };
		} catch (e) {
			if (e instanceof DeviceListFaults) return fail(422, { faults: e.faults, faultCount: e.faultCount });
			if (isDomainError(e)) return fail(422, { message: e.message });
			throw e;
		}
	}
};
