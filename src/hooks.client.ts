import { z } from 'zod';

// zod 4 probes `new Function('')` to decide whether to compile its parsers; under our
// Content-Security-Policy (no 'unsafe-eval') that probe is a reported violation. Jitless parsing
// is what it would fall back to anyway.
z.config({ jitless: true });
