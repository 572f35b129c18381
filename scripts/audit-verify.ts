/**
 * `npm run audit:verify`: re-derives every hash of the audit trail (case_events and audit_events)
 * and exits non-zero, naming each broken row, if anything was altered, removed or reordered.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../src/lib/server/config';
import { createDb } from '../src/lib/server/db/client';
import { verifyAuditTrail } from '../src/lib/server/audit/audit.repository';

const config = loadConfig(process.env);
const handle = await createDb({ url: config.databaseUrl, dataDir: resolve(config.dataDir, 'pglite') });
try {
	const { rows, breaks } = await verifyAuditTrail(handle.db);
	if (breaks.length === 0) {
		console.log(`Audit trail intact: ${rows} rows verified.`);
	} else {
		console.error(`Audit trail BROKEN: ${breaks.length} problem(s) in ${rows} rows:`);
		for (const b of breaks) console.error(`  ${b.stream} seq ${b.seq} (row id ${b.id}): ${b.problem}`);
		process.exitCode = 1;
	}
} finally {
	await handle.close();
}
