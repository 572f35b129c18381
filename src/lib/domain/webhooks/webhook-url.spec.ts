import { describe, expect, it } from 'vitest';
import { webhookUrlProblem } from './webhook-url';

const own = ['http://127.0.0.1:3000', 'https://merzim.example.kz'];

describe('webhookUrlProblem', () => {
	it.each([
		['https://portal.egov.kz/merzim/hooks', null],
		['http://10.12.0.4:8080/hooks', null],
		['http://127.0.0.1:3001/hooks', null],
		['http://localhost:8443/x', null],
		['ftp://portal.egov.kz/hooks', 'not-http'],
		['javascript:alert(1)', 'not-http'],
		['file:///etc/passwd', 'not-http'],
		['portal.egov.kz/hooks', 'not-a-url'],
		['https://user:pw@portal.egov.kz/', 'credentials'],
		['https://merzim.example.kz/api/v1/hooks', 'own-origin'],
		['https://MERZIM.example.kz:443/x', 'own-origin'],
		['http://127.0.0.1:3000/api', 'own-origin'],
		['http://localhost:3000/api', 'own-origin'],
		['http://[::1]:3000/api', 'own-origin']
	] as const)('%s → %s', (url, problem) => {
		expect(webhookUrlProblem(url, own)).toBe(problem);
	});

	it('does not take a non-loopback name on the same port for this server', () => {
		expect(webhookUrlProblem('http://10.0.0.5:3000/hooks', own)).toBeNull();
	});
});
