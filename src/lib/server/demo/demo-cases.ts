import type { AppContext } from '../context';

/** Filled in with the calendar (issue 3). */
export async function seedDemoCases(_ctx: AppContext, _staff: Map<string, number>): Promise<number> {
	return 0;
}
