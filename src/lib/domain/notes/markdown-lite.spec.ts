import { describe, expect, it } from 'vitest';
import { inline, mentionsIn, renderNote } from './markdown-lite';

describe('renderNote', () => {
	it('reads bold, italic, code, links and mentions', () => {
		expect(inline('**Срочно** *см.* `1С350` https://gov.kz/x. @officer2, спасибо')).toEqual([
			{ t: 'strong', v: 'Срочно' },
			{ t: 'text', v: ' ' },
			{ t: 'em', v: 'см.' },
			{ t: 'text', v: ' ' },
			{ t: 'code', v: '1С350' },
			{ t: 'text', v: ' ' },
			{ t: 'link', v: 'https://gov.kz/x' },
			{ t: 'text', v: '. ' },
			{ t: 'mention', v: 'officer2' },
			{ t: 'text', v: ', спасибо' }
		]);
	});

	it('keeps HTML and script links as text', () => {
		const blocks = renderNote('<script>alert(1)</script> <img src=x onerror=alert(1)> javascript:alert(1) &lt;');
		expect(blocks).toEqual([
			{
				t: 'p',
				lines: [[{ t: 'text', v: '<script>alert(1)</script> <img src=x onerror=alert(1)> javascript:alert(1) &lt;' }]]
			}
		]);
	});

	it('makes paragraphs and lists', () => {
		expect(renderNote('a\nb\n\n- one\n- two')).toEqual([
			{ t: 'p', lines: [[{ t: 'text', v: 'a' }], [{ t: 'text', v: 'b' }]] },
			{ t: 'ul', items: [[{ t: 'text', v: 'one' }], [{ t: 'text', v: 'two' }]] }
		]);
	});
});

describe('mentionsIn', () => {
	it('finds each @username once, not e-mail addresses', () => {
		expect(mentionsIn('@head: see @officer2 and @head. mail a@b.kz (@reviewer)')).toEqual([
			'head',
			'officer2',
			'reviewer'
		]);
	});
});
