// Child process of bench/realtime.bench.ts (`--processes 2`): process B of the bare comparison — a
// plain socket.io server joined to process A by the Redis adapter, nothing else. A broadcast from A
// reaches this process's clients through Redis, as a bare two-process socket.io deployment would.
// Prints "port <n>" once listening; exits when stdin closes.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { createClient } from 'redis';
import { createAdapter } from '@socket.io/redis-adapter';

const [redisUrl, key] = process.argv.slice(2);
const pub = createClient({ url: redisUrl });
const sub = pub.duplicate();
await Promise.all([pub.connect(), sub.connect()]);
const http = createServer();
const io = new Server(http, { serveClient: false, adapter: createAdapter(pub, sub, { key }) });
await new Promise((ok) => http.listen(0, '127.0.0.1', ok));
process.stdout.write(`port ${http.address().port}\n`);
process.stdin.resume();
process.stdin.on('end', async () => {
	io.close();
	await Promise.allSettled([pub.quit(), sub.quit()]);
	process.exit(0);
});
