import { describe, expect, it } from 'vitest';
import {
	can,
	deliveryFor,
	draftAccess,
	hasCaseInHand,
	mayAttachToCase,
	mayReadAttachments,
	maySignDraft,
	permissions,
	staffAudience,
	type Actor,
	type Permission,
	type RoutedCase
} from './policy';
import { ROLES } from './roles';
import type { Role } from './roles';

// The actors: user 1 in unit U1 unless said otherwise.
const as = (roles: Role[], extra: Partial<Actor> = {}): Actor => ({
	userId: 1,
	roles,
	unit: 'U1',
	agencyCode: null,
	kiosk: false,
	...extra
});
const officer = as(['officer']);
const registrar = as(['registrar']);
const head = as(['head']);
const supervisor = as(['supervisor']);
const reviewer = as(['complaint_reviewer']);
const liaison = as(['agency_liaison'], { agencyCode: 'nsc' });
const admin = as(['admin']);
const board = as(['wallboard'], { kiosk: true });
const headKiosk = as(['head'], { kiosk: true });

// The cases.
const mine: RoutedCase = { assigneeId: 1, unit: 'U1', service: 'export-licence' };
const unitCase: RoutedCase = { assigneeId: 9, unit: 'U1', service: 'export-licence' };
const otherUnit: RoutedCase = { assigneeId: 9, unit: 'U2', service: 'export-licence' };
const unassigned: RoutedCase = { assigneeId: null, unit: 'U2', service: 'export-licence' };
const complaint: RoutedCase = { ...otherUnit, service: 'complaint' };

type Question =
	| { can: Permission }
	| { inHand: RoutedCase }
	| { audience: RoutedCase }
	| { event: string; payload?: Record<string, unknown>; of: RoutedCase }
	| { draft: 'drafting' | 'signed'; assigneeId: number | null }
	| { sign: true };

function ask(actor: Actor, q: Question): unknown {
	if ('can' in q) return can(actor.roles, q.can, actor.kiosk);
	if ('inHand' in q) return hasCaseInHand(actor, q.inHand);
	if ('audience' in q) return staffAudience(actor, q.audience);
	if ('event' in q) return deliveryFor(actor, { type: q.event, payload: q.payload ?? {} }, q.of);
	if ('draft' in q) return draftAccess(actor, { assigneeId: q.assigneeId }, q.draft);
	return maySignDraft(actor);
}

/** One table for the whole policy: who, what is asked, the answer (act points where the acts decide). */
const TABLE: [string, Actor, Question, unknown][] = [
	// Pages and API (src/lib/server/auth/guard.ts).
	['an officer works cases', officer, { can: 'cases:work' }, true],
	['a registrar registers, does not work cases', registrar, { can: 'cases:work' }, false],
	['only a head decides', head, { can: 'cases:decide' }, true],
	['an officer does not decide', officer, { can: 'cases:decide' }, false],
	['a supervisor verifies the audit trail', supervisor, { can: 'audit:verify' }, true],
	['an admin manages users', admin, { can: 'users:manage' }, true],
	['an admin does not read restricted data', admin, { can: 'cases:read-restricted' }, false],
	['a liaison answers consultations', liaison, { can: 'consultations:answer' }, true],
	['a liaison reads no cases', liaison, { can: 'cases:read' }, false],
	['the board account reads the board', board, { can: 'board:read' }, true],
	['a kiosk session of a head reads the board', headKiosk, { can: 'board:read' }, true],
	['a kiosk session of a head reads no case', headKiosk, { can: 'cases:read' }, false],
	// Cases in hand (the queue's tabs) — HTTP and socket alike.
	['an officer has an own case in hand', officer, { inHand: mine }, true],
	['an officer has the unit’s cases in hand', officer, { inHand: unitCase }, true],
	['an officer has unassigned cases in hand', officer, { inHand: unassigned }, true],
	['an officer has not another unit’s case in hand', officer, { inHand: otherUnit }, false],
	['an officer without a unit: not another’s case', as(['officer'], { unit: null }), { inHand: otherUnit }, false],
	['a registrar has unassigned cases in hand', registrar, { inHand: unassigned }, true],
	['a registrar has not another unit’s case in hand', registrar, { inHand: otherUnit }, false],
	['a head has every case in hand', head, { inHand: otherUnit }, true],
	['a complaint reviewer has no case in hand', reviewer, { inHand: mine }, false],
	// The restricted part, 001 p.19 para 5: a reader of restricted data, with the case in hand.
	['an officer, own case: with restricted', officer, { audience: mine }, 'staff-full'],
	['an officer, unit case: with restricted', officer, { audience: unitCase }, 'staff-full'],
	['an officer, unassigned: with restricted', officer, { audience: unassigned }, 'staff-full'],
	['an officer, another unit: without', officer, { audience: otherUnit }, 'staff'],
	['a head, any case: with restricted', head, { audience: otherUnit }, 'staff-full'],
	['a supervisor, any case: with restricted', supervisor, { audience: otherUnit }, 'staff-full'],
	['a registrar, own unit: without (not a reader)', registrar, { audience: mine }, 'staff'],
	['a complaint reviewer: without', reviewer, { audience: mine }, 'staff'],
	['an admin: without', admin, { audience: mine }, 'staff'],
	['a kiosk session of a head: without', headKiosk, { audience: mine }, 'staff'],
	// Case events on the socket.
	['event · an officer, own case', officer, { event: 'case:assigned', of: mine }, 'full'],
	['event · an officer, another unit', officer, { event: 'case:assigned', of: otherUnit }, null],
	['event · an officer, unassigned', officer, { event: 'case:created', of: unassigned }, 'full'],
	['event · a registrar, unit case: stripped', registrar, { event: 'case:created', of: unitCase }, 'stripped'],
	['event · a supervisor, everything', supervisor, { event: 'case:decided', of: otherUnit }, 'full'],
	['event · a reviewer, complaints', reviewer, { event: 'complaint:forwarded', of: complaint }, 'stripped'],
	['event · a reviewer, not licences', reviewer, { event: 'case:decided', of: otherUnit }, null],
	[
		'event · an officer who reviews complaints: restricted only in hand',
		as(['officer', 'complaint_reviewer']),
		{ event: 'case:decided', of: complaint },
		'stripped'
	],
	[
		'event · a liaison, own agency’s consultation',
		liaison,
		{ event: 'consultation:requested', payload: { agency: 'nsc' }, of: otherUnit },
		'agency'
	],
	[
		'event · a liaison, another agency',
		liaison,
		{ event: 'consultation:requested', payload: { agency: 'mod' }, of: otherUnit },
		null
	],
	[
		'event · a liaison, not case decisions',
		liaison,
		{ event: 'case:decided', payload: { agency: 'nsc' }, of: otherUnit },
		null
	],
	['event · the wall board, a summary', board, { event: 'case:decided', of: otherUnit }, 'summary'],
	['event · the board account off kiosk, a summary', as(['wallboard']), { event: 'case:decided', of: mine }, 'summary'],
	['event · an admin, nothing', admin, { event: 'case:decided', of: otherUnit }, null],
	// The refusal draft (ADR-015).
	['draft · the assignee edits', officer, { draft: 'drafting', assigneeId: 1 }, 'edit'],
	['draft · another officer, nothing', officer, { draft: 'drafting', assigneeId: 7 }, null],
	['draft · an unassigned case has no officer editor', officer, { draft: 'drafting', assigneeId: null }, null],
	['draft · a head edits any case', head, { draft: 'drafting', assigneeId: 7 }, 'edit'],
	['draft · a supervisor reads', supervisor, { draft: 'drafting', assigneeId: 7 }, 'read'],
	['draft · a reviewer does not read a draft (001 p.19 para 5)', reviewer, { draft: 'drafting', assigneeId: 7 }, null],
	['draft · a reviewer reads the signed letter', reviewer, { draft: 'signed', assigneeId: 7 }, 'read'],
	['draft · a registrar, nothing', registrar, { draft: 'drafting', assigneeId: 7 }, null],
	['draft · a liaison, nothing', liaison, { draft: 'drafting', assigneeId: 7 }, null],
	['draft · signed: read-only for the assignee', officer, { draft: 'signed', assigneeId: 1 }, 'read'],
	['draft · signed: read-only for a head', head, { draft: 'signed', assigneeId: 7 }, 'read'],
	['draft · a kiosk session of a head, nothing', headKiosk, { draft: 'drafting', assigneeId: 1 }, null],
	['sign · a head signs (001 p.20)', head, { sign: true }, true],
	['sign · an officer does not', officer, { sign: true }, false],
	['sign · a supervisor does not', supervisor, { sign: true }, false],
	['sign · a kiosk session of a head does not', headKiosk, { sign: true }, false]
];

describe('the access policy', () => {
	it.each(TABLE)('%s', (_name, actor, question, expected) => {
		expect(ask(actor, question)).toBe(expected);
	});

	it('reads a draft before signature only where it may read restricted data (001 p.19 para 5)', () => {
		const readers: readonly string[] = permissions['cases:read-restricted'];
		for (const p of ['drafts:read', 'drafts:edit-any', 'cases:read-all'] as const)
			for (const role of permissions[p]) expect(readers, `${p}: ${role}`).toContain(role);
	});

	it('names only known roles, and every role has some permission', () => {
		const named = new Set(Object.values(permissions).flat());
		expect([...named].every((r) => (ROLES as readonly string[]).includes(r))).toBe(true);
		expect(ROLES.filter((r) => !named.has(r))).toEqual([]);
	});
});

describe('attachments (ADR-056)', () => {
	const licence = (assigneeId: number | null, unit: string | null = 'U1'): RoutedCase => ({
		service: 'export-licence',
		assigneeId,
		unit
	});
	const device = (assigneeId: number | null): RoutedCase => ({
		service: 'device-verification',
		assigneeId,
		unit: 'U1'
	});
	const complaint: RoutedCase = { service: 'complaint', assigneeId: 9, unit: 'U2' };
	it.each([
		['officer, own case', officer, licence(1), true, true],
		['officer, unit case', officer, licence(2), true, true],
		['officer of another unit', as(['officer'], { unit: 'U2' }), licence(2), false, false],
		['registrar, unit case', registrar, licence(2), true, true],
		['head, any case', head, licence(7, 'U9'), true, true],
		['supervisor reads, does not attach', supervisor, licence(7), true, false],
		['reviewer on a complaint reads', reviewer, complaint, true, false],
		['reviewer on a licence', reviewer, licence(null), false, false],
		['liaison', liaison, licence(null), false, false],
		['admin', as(['admin']), licence(null), false, false],
		['kiosk head', as(['head'], { kiosk: true }), licence(1), false, false],
		['officer, device case of another', officer, device(2), false, false],
		['officer, own device case', officer, device(1), true, true],
		['supervisor, device case', supervisor, device(1), false, false]
	])('%s: read %s, attach %s', (_n, actor, c, read, attach) => {
		expect(mayReadAttachments(actor, c)).toBe(read);
		expect(mayAttachToCase(actor, c)).toBe(attach);
	});
});
