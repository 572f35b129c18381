/** Names of the document kinds and states in the page's language. */
import { m } from '$lib/paraglide/messages';

const KINDS: Record<string, () => string> = {
	licence: m.docs_kind_licence,
	'end-user-certificate': m.docs_kind_end_user_certificate,
	'import-certificate': m.docs_kind_import_certificate,
	refusal: m.docs_kind_refusal,
	'incompleteness-refusal': m.docs_kind_incompleteness_refusal,
	'hearing-notice': m.docs_kind_hearing_notice,
	'complaint-extension-notice': m.docs_kind_complaint_extension_notice,
	'complaint-decision': m.docs_kind_complaint_decision
};

const STATES: Record<string, () => string> = {
	draft: m.docs_state_draft,
	signed: m.docs_state_signed,
	delivered: m.docs_state_delivered,
	'delivery-confirmed': m.docs_state_delivery_confirmed
};

export const documentKindName = (kind: string) => KINDS[kind]?.() ?? kind;
export const documentStateName = (state: string) => STATES[state]?.() ?? state;
