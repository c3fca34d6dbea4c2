import { describe, expect, test } from 'vitest';
import { CsvSplitter } from './csv-lines.js';

/** Split `text` fed in chunks of `size` characters: records must not depend on where chunks end. */
function split(text: string, size: number) {
  const s = new CsvSplitter();
  const out = [];
  for (let i = 0; i < text.length; i += size) out.push(...s.push(text.slice(i, i + size)));
  return [...out, ...s.end()];
}

describe('CsvSplitter', () => {
  const text = '\uFEFFphone,name,note\r\n13800000001,张三,plain\r\n\r\n13800000002,"李, 四","说""好""\n第二行"\n13800000003,王五,"x"y\n13800000004,end,last';
  const want = [
    { line: 1, cells: ['phone', 'name', 'note'] },
    { line: 2, cells: ['13800000001', '张三', 'plain'] },
    { line: 4, cells: ['13800000002', '李, 四', '说"好"\n第二行'] },
    { line: 6, cells: ['13800000003', '王五', 'xy'] },
    { line: 7, cells: ['13800000004', 'end', 'last'] },
  ];
  test.each([1, 2, 3, 7, 1000])('quotes, doubled quotes, line breaks in cells, CRLF, a BOM, blank lines and a last line without a break — in chunks of %i', (size) => {
    expect(split(text, size)).toEqual(want);
  });

  test('an unterminated quoted cell at the end of the file is an error naming its line', () => {
    expect(() => split('a,b\n1,"open\n', 4)).toThrow('unterminated quoted field starting on line 2');
  });
});
