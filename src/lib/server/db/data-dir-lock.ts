/**
 * One process at a time opens an embedded data folder: PGlite has no lock of its own, and a second
 * process writing the same files would corrupt them. The lock file beside the folder names the
 * holder's pid and the control socket through which a running server takes backups; a lock whose
 * process is gone is stale and taken over.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LockInfo {
	pid: number;
	/** The holder's control socket (backups go through it), when it serves one. */
	controlSocket?: string;
	startedAt: string;
}

export const lockPathOf = (dataDir: string): string => `${dataDir.replace(/\/+$/, '')}.lock`;

export class DataDirInUseError extends Error {
	constructor(
		readonly dataDir: string,
		readonly holder: LockInfo
	) {
		super(
			`The embedded database in ${dataDir} is in use by process ` +
				`${holder.pid} (a running Merzim server, since ${holder.startedAt}). ` +
				'Stop it first; `npm run backup` works while it runs (it goes through the server).'
		);
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** The live holder of the folder's lock, or null when none (no file, or its process is gone). */
export function lockHolder(dataDir: string): LockInfo | null {
	const path = lockPathOf(dataDir);
	if (!existsSync(path)) return null;
	try {
		const info = JSON.parse(readFileSync(path, 'utf8')) as LockInfo;
		return Number.isInteger(info.pid) && alive(info.pid) ? info : null;
	} catch {
		return null; // half-written by a process that died: stale
	}
}

/** Takes the folder's lock or throws DataDirInUseError; returns the release. */
export function lockDataDir(dataDir: string, info: Omit<LockInfo, 'pid' | 'startedAt'> = {}): () => void {
	const path = lockPathOf(dataDir);
	const mine: LockInfo = { pid: process.pid, startedAt: new Date().toISOString(), ...info };
	mkdirSync(dirname(path), { recursive: true });
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			const fd = openSync(path, 'wx', 0o600);
			writeSync(fd, JSON.stringify(mine));
			closeSync(fd);
			let released = false;
			return () => {
				if (released) return;
				released = true;
				if (lockHolder(dataDir)?.pid === process.pid) rmSync(path, { force: true });
			};
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
			const holder = lockHolder(dataDir);
			if (holder) throw new DataDirInUseError(dataDir, holder);
			rmSync(path, { force: true }); // stale
		}
	}
	throw new Error(`Could not take the lock ${path}.`);
}
