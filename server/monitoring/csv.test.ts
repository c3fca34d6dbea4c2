import { expect, test } from 'vitest';
import { csvField } from './csv.js';

test('every formula prefix OWASP lists is defused with a leading quote (#20 item 10)', () => {
  for (const p of ['=', '+', '-', '@', '\t', '\r']) {
    const out = csvField(`${p}HYPERLINK("http://evil")`);
    expect(out.replace(/^"/, ''), JSON.stringify(p)).toMatch(/^'/);
  }
  expect(csvField('plain text')).toBe('plain text');
  expect(csvField(-3)).toBe('-3'); // numbers are numbers, not formulas
  expect(csvField('a,b')).toBe('"a,b"');
});
