/**
 * Run by the integration set-up (migrated-template.ts) as its own process, with Node's own module
 * resolution, as the app runs: `tsx tests/helpers/migrate-once.ts <dump file>` migrates an embedded
 * database and writes its dump there; with DATABASE_URL (a database's URL) it migrates that one.
 */
import { writeFileSync } from 'node:fs';
import { createDb } from '../../src/lib/server/db/client';

async function main(): Promise<void> {
	const url = process.env.DATABASE_URL;
	const migrated = await createDb(url ? { url } : { dataDir: 'memory://' });
	if (!url) writeFileSync(process.argv[2]!, await migrated.dump!());
	await migrated.close();
}

main().catch((e: unknown) => {
	console.error(e);
	process.exit(1);
});
