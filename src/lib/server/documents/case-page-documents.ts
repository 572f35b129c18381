/**
 * The case page's documents panel: the case's documents with their state, the kinds this user may
 * prepare now, and whether they may sign (the head or an appointed substitute with a keystore).
 */
import type { Db } from '../db/client';
import type { DocumentsService } from './documents.service';
import { documentJson } from './document-json';
import { caseState, loadDocumentCase } from './document-facts';
import { activeKeystore } from '../signing/keystores';
import { DOCUMENT_KINDS, documentAllowed } from '../../domain/documents/kinds';
import { mayPrepareDocument, maySignDocuments } from '../../domain/documents/document-access';
import type { Role } from '../../domain/access/roles';

export async function caseDocumentsPanel(
	deps: { db: Db; documents: DocumentsService },
	caseId: string,
	user: { id: number; roles: readonly Role[] },
	kiosk: boolean
) {
	const [rows, keystore, loaded] = [
		await deps.documents.list(caseId),
		await activeKeystore(deps.db, user.id),
		await loadDocumentCase(deps.db, caseId)
	];
	const state = loaded ? caseState(loaded) : null;
	return {
		list: rows.map(documentJson),
		makeable:
			kiosk || !state
				? []
				: DOCUMENT_KINDS.filter((k) => mayPrepareDocument(user.roles, k) && documentAllowed(k, state).ok),
		canSign: !kiosk && maySignDocuments(user.roles, keystore?.substitute ?? false),
		hasKey: keystore !== null,
		demoKey: keystore?.demo ?? false
	};
}
