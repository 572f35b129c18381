/**
 * The types every part of the socket server shares: the typed server, its sockets, and the events
 * its processes send each other (Redis adapter) beside the client contract (src/lib/realtime/contract.ts).
 */
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents, SocketData } from '../src/lib/realtime/contract';
import type { OutboxRow } from './outbox-publisher';

/** Between processes (Redis adapter): binary as base64, since `serverSideEmit` travels as JSON. */
export interface InterServerEvents {
	'draft:update': (draftId: string, update: string) => void;
	'draft:awareness': (draftId: string, update: string) => void;
	/** Case events another process read from the outbox of database `origin` after id `after` (sockets/outbox-feed.ts). */
	'outbox:rows': (origin: string, after: number, rows: OutboxRow[]) => void;
	/** A user's rights or sessions changed on another process (socket-audience.ts). */
	'account:changed': (change: unknown) => void;
}

export type IO = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type AppSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
