/** Display helpers shared by pages. Times are always shown in Asia/Almaty, whatever the browser's zone. */
export function formatAlmaty(iso: string | Date, locale = 'en-GB'): string {
	return new Date(iso).toLocaleString(locale, {
		timeZone: 'Asia/Almaty',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit'
	});
}
