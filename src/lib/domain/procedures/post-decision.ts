/**
 * The reporting clocks a granted case may start (001 p.22, p.28). The procedure names the kinds
 * its licences may owe; the case's goods decide whether they do: the delivery confirmation of
 * p.22 follows the export of military goods (әскери мақсаттағы тауарлар, p.4 sub.1) only.
 */
import type { CaseSnapshot, ProcedureDefinition } from './types';

export type PostDecisionKind = ProcedureDefinition['postDecision'][number];

/** What the exporter reports on the shipment of `record-shipment`, by the clock it starts. */
export const SHIPMENT_KINDS = {
	'military-export': 'delivery-confirmation',
	'general-export': 'execution-report'
} as const satisfies Record<string, PostDecisionKind>;
export type ShipmentKind = keyof typeof SHIPMENT_KINDS;

/** Whether the application declares goods of military purpose (001 p.4 sub.1). */
export const hasMilitaryGoods = (snap: Pick<CaseSnapshot, 'application'>): boolean =>
	(snap.application.goodsLines ?? []).some((g) => g.military === true);

/** The post-decision clocks this case may start: the procedure's, less p.22's without military goods. */
export function postDecisionDue(def: ProcedureDefinition, snap: Pick<CaseSnapshot, 'application'>): PostDecisionKind[] {
	return def.postDecision.filter((k) => k !== 'delivery-confirmation' || hasMilitaryGoods(snap));
}
