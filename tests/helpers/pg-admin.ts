/**
 * Databases of their own for tests that need several connections or processes (PostgreSQL only).
 * Kept apart from test-db.ts so that the projects' global set-ups, loaded through Vite's resolver,
 * do not load the app's database client.
 */
import postgres from 'postgres';

/** A database of its own for a test that needs several connections or processes (PostgreSQL only). */
export async function recreateDatabase(adminUrl: string, name: string): Promise<string> {
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.unsafe(`create database ${name}`);
	await admin.end();
	return Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`drop database if exists ${name} with (force)`);
	await admin.end();
}
