/**
 * The nesting depth of a JSON text, measured on the raw bytes before any parser recurses into it:
 * brackets inside strings do not count. Stops scanning as soon as `max` is exceeded.
 */
export function jsonDepthExceeds(text: Buffer | string, max: number): boolean {
  const s = typeof text === 'string' ? Buffer.from(text) : text;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
