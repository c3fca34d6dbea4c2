/** Where a JSON text stops being valid JSON. Offsets are in UTF-16 code units; line and column are 1-based. */
export interface JsonErrorLocation {
  offset: number;
  line: number;
  column: number;
  /** What the scanner expected there, in English (the caller wraps it in a bilingual message). */
  expected: string;
}

class Stop {
  constructor(readonly offset: number, readonly expected: string) {}
}

/**
 * Find the first syntax error in `text`. JSON.parse's messages differ between engines (Node 20
 * names no position at all), so the position shown to a planner who hand-edited a file comes from
 * this small scanner instead. Returns null when the text is valid JSON.
 */
export function locateJsonError(text: string): JsonErrorLocation | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) throw new Stop(i, `'${word}'`);
      i++;
    }
  };
  const string = () => {
    if (text[i] !== '"') throw new Stop(i, 'a string');
    i++;
    for (;;) {
      if (i >= text.length) throw new Stop(i, 'a closing quote');
      const ch = text.charCodeAt(i);
      if (ch === 0x22) { i++; return; }
      if (ch < 0x20) throw new Stop(i, 'no control characters inside a string');
      if (ch === 0x5c) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop(i, 'a \\uXXXX escape');
          i += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) i += 2;
        else throw new Stop(i, 'a valid escape');
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) throw new Stop(i, 'a value');
    i += m[0].length;
  };
  const value = (): void => {
    ws();
    const ch = text[i];
    if (ch === '{') return object();
    if (ch === '[') return array();
    if (ch === '"') return string();
    if (ch === 't') return literal('true');
    if (ch === 'f') return literal('false');
    if (ch === 'n') return literal('null');
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return number();
    throw new Stop(i, 'a value');
  };
  const object = () => {
    i++;
    ws();
    if (text[i] === '}') { i++; return; }
    for (;;) {
      ws();
      string();
      ws();
      if (text[i] !== ':') throw new Stop(i, "':'");
      i++;
      value();
      ws();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '}') { i++; return; }
      throw new Stop(i, "',' or '}'");
    }
  };
  const array = () => {
    i++;
    ws();
    if (text[i] === ']') { i++; return; }
    for (;;) {
      value();
      ws();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === ']') { i++; return; }
      throw new Stop(i, "',' or ']'");
    }
  };
  try {
    value();
    ws();
    if (i < text.length) throw new Stop(i, 'the end of the text');
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) return null; // e.g. absurd nesting depth: let the caller use the engine's message
    return { offset: e.offset, ...lineColumn(text, e.offset), expected: e.expected };
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) { line++; lineStart = k + 1; }
  }
  return { line, column: offset - lineStart + 1 };
}
