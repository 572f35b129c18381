import { describe, expect, it } from 'vitest';
import { isBreachedPassword } from './breached-passwords';

describe('breached-password list', () => {
	it('refuses passwords from breach corpora, whatever their case, and with digits appended', async () => {
		for (const p of ['qwerty123456', '1qaz2wsx3edc', 'Password', 'DRAGON', 'password2024!', 'Letmein_99'])
			expect(await isBreachedPassword(p), p).toBe(true);
	});

	it('accepts a passphrase no breach holds', async () => {
		for (const p of ['Қызыл алма жолда 42 рет', 'tundra-kettle-orbit-violin'])
			expect(await isBreachedPassword(p), p).toBe(false);
	});
});
