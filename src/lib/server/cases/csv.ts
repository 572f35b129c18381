/**
 * One CSV line (RFC 4180): fields with a comma, quote or line break are quoted; a field that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) is prefixed with `'`
 * (OWASP CSV injection).
 */
export function csvLine(fields: readonly string[]): string {
	return (
		fields
			.map((f) => {
				const safe = /^[=+\-@\t\r]/.test(f) ? `'${f}` : f;
				return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
			})
			.join(',') + '\r\n'
	);
}
