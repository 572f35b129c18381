/**
 * Every citation the code holds is in the canonical form and reads in Kazakh and Russian without an
 * English word (ADR-106, ADR-032): the clock kinds, the services, the refusal grounds, the
 * procedures (walked for every `citation` and `legalBasis` they hold), the licence application's
 * form rules, and every `citation:` literal written in src/lib/domain and src/lib/server.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOCK_KIND_SPECS } from '../sla/clock-kinds';
import { COMPLAINT_TERMS, SERVICES } from '../reference/services';
import { GROUNDS_000, GROUNDS_001, INCOMPLETENESS_REFUSALS } from '../reference/refusal-grounds';
import { PROCEDURES } from '../procedures/definitions';
import { licenceApplicationProblems } from '../procedures/licence-application';
import { complaintTargetRefusal } from '../procedures/complaint-target';
import { formatCitations, parseCitations } from './citation';

/** English words a kk or ru citation must not keep. */
const ENGLISH =
	/\b(p|pp|para|paras|Annex|row|rows|item|form|forms|field|ground|sub|process|condition|P)\b|[A-Za-z]{2,}/;

function walk(value: unknown, path: string, out: [string, string][], seen = new Set<unknown>()) {
	if (typeof value !== 'object' || value === null || seen.has(value)) return;
	seen.add(value);
	const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
	for (const [k, v] of entries) {
		const at = `${path}.${String(k)}`;
		if (typeof v === 'string' && /^(citation|legalBasis)$/.test(String(k))) out.push([at, v]);
		else walk(v, at, out, seen);
	}
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return sourceFiles(path);
		return /\.ts$/.test(name) && !/\.spec\.ts$/.test(name) ? [path] : [];
	});
}

/** `citation: '…'` (or "…", or a template without placeholders) as written in the source. */
function literalCitations(): [string, string][] {
	const out: [string, string][] = [];
	for (const file of [...sourceFiles('src/lib/domain'), ...sourceFiles('src/lib/server')]) {
		const text = readFileSync(file, 'utf8');
		for (const m of text.matchAll(/\b(?:citation|legalBasis):\s*(['"`])([^'"`$\n]+)\1/g))
			out.push([`${file}:${text.slice(0, m.index).split('\n').length}`, m[2]!]);
	}
	return out;
}

function dataCitations(): [string, string][] {
	const out: [string, string][] = [];
	walk(
		{ CLOCK_KIND_SPECS, SERVICES, COMPLAINT_TERMS, GROUNDS_000, GROUNDS_001, INCOMPLETENESS_REFUSALS, PROCEDURES },
		'',
		out
	);
	for (const service of ['export-licence', 'import-licence', 'general-export-licence', 'licence-reissue', 'x'])
		for (const p of licenceApplicationProblems({
			service,
			goodsLines: [{ controlCode: '4A003', military: true }],
			counterparty: [],
			reissue: service === 'x' ? { reason: 'name-changed' } : undefined
		}))
			out.push([`${service} ${p.path.join('.')}`, p.params.citation!]);
	for (const service of ['complaint', 'device-verification'])
		out.push([`complaint against ${service}`, complaintTargetRefusal(service)!.params!.citation!]);
	return out;
}

const ALL = [...dataCitations(), ...literalCitations()];

describe('every citation in the code is canonical and reads in kk and ru (ADR-106)', () => {
	it('finds the citations', () => {
		expect(ALL.length).toBeGreaterThan(150);
	});

	it.each(ALL)('%s: %s', (_where, citation) => {
		expect(parseCitations(citation), 'parses whole').not.toBeNull();
		for (const locale of ['kk', 'ru'] as const) {
			const text = formatCitations(citation, locale);
			expect(text.replace(/\b\d+[A-Z]?\b/g, ''), `${locale}: ${text}`).not.toMatch(ENGLISH);
		}
	});
});
