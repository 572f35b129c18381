/**
 * The webhook signing secrets at rest: sealed with AES-256-GCM under the server's webhook key, with
 * the subscription's id as associated data (a sealed secret copied to another row does not open).
 * The key comes from MERZIM_WEBHOOK_KEY (32 bytes, base64 or hex), or — for a single machine, e.g.
 * the embedded database — from `<data dir>/webhook.key`, made on first use, readable by the owner
 * only. Several machines on one PostgreSQL must share MERZIM_WEBHOOK_KEY.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface SecretBox {
	/** A short fingerprint of the key, stored beside what it sealed. */
	keyId(): string;
	seal(secret: string, subscriptionId: string): Uint8Array;
	open(sealed: Uint8Array, subscriptionId: string): string;
}

export function parseWebhookKey(text: string): Buffer {
	const t = text.trim();
	const key = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
	if (key.length !== 32) throw new Error('MERZIM_WEBHOOK_KEY: must be 32 bytes, as 64 hex digits or base64');
	return key;
}

/** The key from the environment's value, or the data directory's key file (made if missing). */
export function loadWebhookKey(o: { envKey: string | undefined; dataDir: string }): Buffer {
	if (o.envKey) return parseWebhookKey(o.envKey);
	const file = resolve(o.dataDir, 'webhook.key');
	if (existsSync(file)) return parseWebhookKey(readFileSync(file, 'utf8'));
	const key = randomBytes(32);
	mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
	writeFileSync(file, key.toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
	return key;
}

/** The key is read (or made) on first use: a server with no webhooks never needs one. */
export function createSecretBox(loadKey: () => Buffer): SecretBox {
	let loaded: { key: Buffer; id: string } | null = null;
	const current = () => {
		if (!loaded) {
			const key = loadKey();
			loaded = { key, id: createHash('sha256').update(key).digest('hex').slice(0, 12) };
		}
		return loaded;
	};
	return {
		keyId: () => current().id,
		seal(secret, subscriptionId) {
			const { key } = current();
			const iv = randomBytes(12);
			const cipher = createCipheriv('aes-256-gcm', key, iv);
			cipher.setAAD(Buffer.from(subscriptionId));
			const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
			return Buffer.concat([iv, cipher.getAuthTag(), body]);
		},
		open(sealed, subscriptionId) {
			const { key } = current();
			const buf = Buffer.from(sealed);
			const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
			decipher.setAAD(Buffer.from(subscriptionId));
			decipher.setAuthTag(buf.subarray(12, 28));
			return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
		}
	};
}
