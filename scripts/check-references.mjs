#!/usr/bin/env node
/**
 * Fails when a tracked file cites the work tracker by number (the word "issue" and a number) or a
 * numbered decision of an outside document (a README's or the domain digest's "decision" and a
 * number): a reader of the repository cannot open either. Cite the act point ("001 p.19 para 3"), the decision record
 * ("ADR-032") or a full address (an upstream bug's URL) instead (ADR-118).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const FORBIDDEN = [/\bissues?\s+#?\d+/i, /\b(?:README|domain) decision\s+\d+/i];
// Generated or vendored text the project does not write.
const SKIP = [/^package-lock\.json$/, /^patches\//, /^drizzle\/meta\//, /\.(png|jpe?g|pdf|p12|der|ttf|woff2?|ico)$/i];

const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
	encoding: 'utf8',
	maxBuffer: 64 * 1024 * 1024
})
	.split('\0')
	.filter((f) => f && !SKIP.some((re) => re.test(f)));

const hits = [];
for (const file of files) {
	if (/issue-?\d+/i.test(file)) hits.push(`${file}: a file named after the work tracker — name it for what it holds`);
	let text;
	try {
		text = readFileSync(file, 'utf8');
	} catch {
		continue; // deleted in the working tree
	}
	text.split('\n').forEach((line, i) => {
		for (const re of FORBIDDEN) {
			const m = re.exec(line);
			if (m) hits.push(`${file}:${i + 1}: "${m[0]}" — cite the act point or an ADR instead`);
		}
	});
}
if (hits.length) {
	console.error(`${hits.length} reference(s) a reader of the repository cannot follow:\n${hits.join('\n')}`);
	process.exit(1);
}
console.log(`references: ${files.length} files, none to the work tracker or outside documents`);
