/**
 * `npm run restore -- FILE`: restores a backup made by `npm run backup` — the embedded database into
 * MERZIM_DATA_DIR (the folder there is moved aside, not deleted; refused while a server runs on it),
 * PostgreSQL into the empty database of DATABASE_URL — then verifies the restored audit trail.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/lib/server/config';
import { restoreBackup } from '../src/lib/server/backup/backup';

const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!file) {
	console.error('Usage: npm run restore -- FILE');
	process.exit(2);
}
try {
	const r = await restoreBackup(loadConfig(process.env), readFileSync(file), new Date());
	console.log(`Restored the ${r.header.driver} backup of ${r.header.createdAt} into ${r.target}.`);
	if (r.movedAside) console.log(`The folder that was there is kept at ${r.movedAside}.`);
	if (r.auditBreaks > 0) {
		console.error(`Audit trail of the restored copy BROKEN: ${r.auditBreaks} problem(s); run npm run audit:verify.`);
		process.exitCode = 1;
	} else console.log(`Audit trail of the restored copy intact: ${r.auditRows} rows verified.`);
} catch (e) {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
}
