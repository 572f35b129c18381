import { json } from '@sveltejs/kit';
import { apiRoute, ApiError } from '$lib/server/http/api-error';
import { requirePermission } from '$lib/server/auth/guard';
import { DeviceListFaults, importDeviceList, listDeviceLists } from '$lib/server/devices/device-lists';
import { readDeviceListForm } from '$lib/server/devices/device-list-request';

/** The last twelve reporting months with their lists and clocks (004 P 11). */
export const GET = apiRoute(async (event) => {
	requirePermission(event, 'device-lists:work');
	const { ctx } = event.locals;
	const months = await listDeviceLists(ctx.db, await ctx.calendar.current(), ctx.clock.now());
	return json({ months });
});

/**
 * Imports a month's list (multipart: file, reportingMonth, receivedAt, coverLetter). 422 with
 * `faults` (row, column, code) when any row is wrong — nothing is written; 409 when the month has one.
 */
export const POST = apiRoute(async (event) => {
	const user = requirePermission(event, 'device-lists:work');
	const { ctx } = event.locals;
	if (!/^multipart\/form-data\b/i.test(event.request.headers.get('content-type') ?? ''))
		throw new ApiError(415, 'Send the list as multipart/form-data.');
	let form: FormData;
	try {
		form = await event.request.formData();
	} catch {
		throw new ApiError(400, 'The upload is not a complete multipart/form-data body.');
	}
	const upload = await readDeviceListForm(form);
	try {
		const list = await importDeviceList(
			ctx.db,
			upload,
			{ userId: user.id, label: user.username },
			ctx.clock.now(),
			await ctx.calendar.current()
		);
		return json(list, { status: 201 });
	} catch (e) {
		if (e instanceof DeviceListFaults)
			return json(
				{ error: { code: 'device-list-faults', message: e.message }, faults: e.faults, faultCount: e.faultCount },
				{ status: 422 }
			);
		throw e;
	}
});
