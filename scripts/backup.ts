/**
 * `npm run backup -- --out FILE`: a consistent backup of the database while the server runs
 * (see src/lib/server/backup/backup.ts). The file is written beside its target and renamed into
 * place, so a half-written backup never has the final name.
 */
import { parseArgs } from 'node:util';
import { renameSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../src/lib/server/config';
import { takeBackup } from '../src/lib/server/backup/backup';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
if (!values.out) {
	console.error('Usage: npm run backup -- --out FILE');
	process.exit(2);
}
try {
	const file = await takeBackup(loadConfig(process.env), new Date());
	const partial = `${values.out}.partial`;
	writeFileSync(partial, file, { mode: 0o600 });
	renameSync(partial, values.out);
	console.log(`Backup written to ${values.out} (${file.length} bytes).`);
} catch (e) {
	console.error(e instanceof Error ? e.message : e);
	process.exit(1);
}
