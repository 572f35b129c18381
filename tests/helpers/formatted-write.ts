/**
 * Writes a file the way `prettier --write` would leave it (the project's .prettierrc and the parser
 * chosen from the file's name), so a file a test regenerates passes `prettier --check` as written.
 */
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';

export async function writeFormatted(file: string, text: string): Promise<void> {
	const options = await resolveConfig(file);
	writeFileSync(file, await format(text, { ...options, filepath: file }));
}
