/**
 * `npm run admin:create -- --username NAME --name "Full Name"`: creates an admin account for a
 * production installation (no demo data). The password is read from MERZIM_ADMIN_PASSWORD or
 * asked for on the terminal, never taken from the command line (it would land in shell history).
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline/promises';
import { loadConfig } from '../src/lib/server/config';
import { createAppContext } from '../src/lib/server/context';
import { NewUserSchema } from '../src/lib/server/users/user.schemas';
import { isUserInputError } from '../src/lib/server/users/users.service';

const { values } = parseArgs({ options: { username: { type: 'string' }, name: { type: 'string' } } });
const password = process.env.MERZIM_ADMIN_PASSWORD ?? (await ask('Password for the new admin: '));
const parsed = NewUserSchema.safeParse({
	username: values.username,
	displayName: values.name ?? values.username,
	password,
	roles: ['admin']
});
if (!parsed.success) {
	for (const i of parsed.error.issues) console.error(`${i.path.join('.') || 'input'}: ${i.message}`);
	console.error('Usage: npm run admin:create -- --username NAME --name "Full Name"');
	process.exit(2);
}
const ctx = await createAppContext(loadConfig(process.env));
try {
	const id = await ctx.users.create(parsed.data, { userId: null, label: 'admin:create' });
	console.log(`Admin "${parsed.data.username}" created (id ${id}).`);
} catch (e) {
	if (!isUserInputError(e)) throw e;
	console.error(e.message);
	process.exitCode = 1;
} finally {
	await ctx.dbHandle.close();
}

async function ask(question: string): Promise<string> {
	const rl = createInterface({ input: process.stdin, output: process.stdout });
	try {
		return await rl.question(question);
	} finally {
		rl.close();
	}
}
