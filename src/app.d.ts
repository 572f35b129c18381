import type { AppContext } from '$lib/server/context';
import type { Session, SessionUser } from '$lib/server/auth/session.service';

declare global {
	namespace App {
		interface Locals {
			ctx: AppContext;
			user: SessionUser | null;
			session: Session | null;
			/** A database outage failed this request: answered 503 (hooks.server.ts). */
			databaseDown?: boolean;
		}
		interface Error {
			message: string;
		}
	}
}
export {};
