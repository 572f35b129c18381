// Child process of bench/realtime.bench.ts (`--processes 2`): process B of the bare comparison — a
// plain socket.io server joined to process A by the Redis adapter under test (classic or streams),
// nothing else. A broadcast from A reaches this process's clients through Redis, as a bare
// two-process socket.io deployment would. Prints "port <n>" once listening; exits when stdin closes.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { createClient } from 'redis';
import { createAdapter } from '@socket.io/redis-adapter';
import { createAdapter as createStreamsAdapter } from '@socket.io/redis-streams-adapter';

const [redisUrl, key, kind = 'classic'] = process.argv.slice(2);
const pub = createClient({ url: redisUrl });
const sub = pub.duplicate();
await Promise.all([pub.connect(), kind === 'streams' ? null : sub.connect()]);
const http = createServer();
const adapter =
	kind === 'streams'
		? createStreamsAdapter(pub, { streamName: `${key}:stream`, channelPrefix: key, sessionKeyPrefix: `${key}:s:` })
		: createAdapter(pub, sub, { key });
const io = new Server(http, { serveClient: false, adapter }); // plain: no recovery, no checks
await new Promise((ok) => http.listen(0, '127.0.0.1', ok));
process.stdout.write(`port ${http.address().port}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
	io.close();
	await Promise.allSettled([pub.quit(), kind === 'streams' ? null : sub.quit()]);
	process.exit(0);
});
