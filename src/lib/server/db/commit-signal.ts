/**
 * A signal after every committed top-level transaction of this process, so the outbox publisher
 * can read new case events at once instead of at its next poll (the poll stays, for commits made by
 * other processes). No NOTIFY: nothing is added to the business transaction itself.
 */
import type { Db } from './client';

export function withCommitSignal(db: Db): (listener: () => void) => () => void {
	const listeners = new Set<() => void>();
	const transaction = db.transaction.bind(db);
	db.transaction = (async (...args: Parameters<Db['transaction']>) => {
		const result = await transaction(...args);
		for (const l of listeners) l();
		return result;
	}) as Db['transaction'];
	return (listener) => {
		listeners.add(listener);
		return () => listeners.delete(listener);
	};
}
