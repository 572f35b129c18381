import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { timelineSentence, type TimelineEventInput } from './timeline-sentence';
import { CASE_EVENT_TYPES } from '../realtime/contract';

/** Every case-event type the code writes: `event('x:y'`, `type: 'x:y'` in the server and procedures. */
function writtenTypes(): string[] {
	const files = (dir: string): string[] =>
		readdirSync(dir).flatMap((f) => {
			const p = join(dir, f);
			return statSync(p).isDirectory() ? files(p) : /\.ts$/.test(f) && !/\.spec\.ts$/.test(f) ? [p] : [];
		});
	const found = new Set<string>();
	for (const f of [...files('src/lib/server'), ...files('src/lib/domain/procedures')]) {
		for (const m of readFileSync(f, 'utf8').matchAll(/(?:event\(|type: )'([a-z-]+:[a-z-]+)'/g)) found.add(m[1]!);
	}
	// Audit-trail streams other than a case's events (never on its timeline).
	for (const t of ['case:read', 'attachment:downloaded', 'signer:keystore-uploaded', 'signer:keystore-revoked'])
		found.delete(t);
	return [...found].sort();
}

const ALL = [...new Set([...writtenTypes(), ...CASE_EVENT_TYPES])].sort();
const ev = (type: string, extra: Partial<TimelineEventInput> = {}): TimelineEventInput => ({
	type,
	actor: 'officer',
	at: '2026-03-02T12:30:00Z',
	citation: '001 p.16',
	after: { agency: 'nsc', kind: 'consultation', filename: 'шарт.pdf', version: 2, assignee: 'officer2' },
	...extra
});
const LATIN = /[A-Za-z]{2,}/;

describe('every event type the system writes reads as a sentence', () => {
	it('finds the types in the source', () => {
		expect(ALL).toContain('case:decided');
		expect(ALL).toContain('case:attachment-added');
		expect(ALL.length).toBeGreaterThan(40);
	});

	it.each(ALL.flatMap((t) => (['kk', 'ru', 'en'] as const).map((l) => [t, l] as const)))('%s in %s', (type, locale) => {
		const line = timelineSentence(ev(type), locale);
		expect(line.text).not.toContain(type);
		expect(line.text).not.toMatch(/[{}]/);
		// Not the fallback: each written type has its own sentence.
		expect(line.text).not.toBe(timelineSentence(ev('x:unknown'), locale).text);
		// kk and ru pages hold no Latin words (usernames and file names are data, not our words).
		if (locale !== 'en')
			expect(line.text.replace('officer2', '').replace('officer', '').replace('шарт.pdf', '')).not.toMatch(LATIN);
	});
});

describe('the sentences', () => {
	it.each([
		[
			ev('consultation:deemed-approved', { actor: 'scheduler', citation: '001 p.16' }),
			'ru',
			'КНБ не ответил за 10 рабочих дней — согласие считается полученным',
			'02.03.2026, 17:30',
			'п. 16'
		],
		[ev('case:decided', { after: { outcome: 'granted' } }), 'en', 'officer decided to grant the application', '', ''],
		[
			ev('case:decided', { after: { outcome: 'refused' } }),
			'kk',
			'officer: дәлелді бас тарту туралы шешім қабылданды',
			'',
			''
		],
		[
			ev('consultation:answered', { actor: 'agency:nsc', after: { agency: 'nsc', decision: 'object' } }),
			'en',
			'NSC objected',
			'',
			''
		],
		[
			ev('mfa:result-received', { actor: 'agency:mfa', after: { authentic: false } }),
			'ru',
			'МИД не подтвердил подлинность гарантии',
			'',
			''
		],
		[ev('clock:breached', { actor: 'system', after: { kind: 'main' } }), 'kk', 'мерзімі бұзылды', '', ''],
		[ev('case:assigned'), 'ru', 'officer: дело поручено исполнителю officer2', '', ''],
		// People by their display names in the page language, not their logins (ADR-062).
		[
			ev('case:assigned', { actorName: 'Нұрлан Әбенов', assigneeName: 'Сәуле Оспанова' }),
			'kk',
			'Нұрлан Әбенов істі Сәуле Оспанова орындаушыға тапсырды',
			'',
			''
		],
		[
			ev('case:decided', { actor: 'head', actorName: 'Ерлан Мухаметов', after: { outcome: 'granted' } }),
			'ru',
			'Ерлан Мухаметов',
			'',
			''
		],
		[ev('note:added', { actor: 'system', actorName: null }), 'ru', 'Система оставил(а) внутреннюю заметку', '', ''],
		[ev('case:attachment-added', { actor: 'portal' }), 'kk', 'Портал «шарт.pdf» файлын тіркеді (нұсқа 2)', '', ''],
		[ev('note:added', { actor: 'system' }), 'en', 'The system wrote an internal note', '', '']
	])('%#: %s', (e, locale, text, when, basis) => {
		const line = timelineSentence(e, locale as 'kk' | 'ru' | 'en');
		expect(line.text).toContain(text);
		if (when) expect(line.when).toBe(when);
		if (basis) expect(line.basis).toContain(basis);
	});

	it('groups entries for the filters', () => {
		expect(timelineSentence(ev('case:decided'), 'en').group).toBe('decisions');
		expect(timelineSentence(ev('clock:met'), 'en').group).toBe('clocks');
		expect(timelineSentence(ev('note:edited'), 'en').group).toBe('notes');
		expect(timelineSentence(ev('case:attachment-added'), 'en').group).toBe('other');
	});
});
