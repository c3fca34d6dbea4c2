/**
 * Chinese text as SMS parts: UCS2 (UTF-16 big-endian), 70 characters in one message, 67 per part of a
 * long one, each part led by the 6-byte concatenation header 05 00 03 <ref> <total> <seq> (TP-UDHI set).
 * The same framing serves CMPP (Msg_Fmt 8, TP_udhi 1) and SMPP (data_coding 8, esm_class 0x40).
 */

export const SINGLE_UNITS = 70;
export const PART_UNITS = 67;
export const MAX_PARTS = 255;

export interface TextPart {
  /** UDH (when part of a long message) + UCS2 bytes. */
  payload: Buffer;
  udhi: boolean;
  total: number;
  seq: number;
}

export function ucs2(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

export function fromUcs2(b: Buffer): string {
  const even = b.length % 2 === 0 ? Buffer.from(b) : Buffer.from(b.subarray(0, b.length - 1));
  return even.swap16().toString('utf16le');
}

/** Split into UTF-16 chunks of at most `size` code units without cutting a surrogate pair in two. */
function chunks(text: string, size: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let end = Math.min(i + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    out.push(text.slice(i, end));
    i = end;
  }
  return out;
}

/** The parts of one message; `ref` (0..255) ties the parts of one long message together on the handset. */
export function splitText(text: string, ref: number): TextPart[] {
  if (text.length === 0) throw new RangeError('empty message');
  if (text.length <= SINGLE_UNITS) return [{ payload: ucs2(text), udhi: false, total: 1, seq: 1 }];
  const pieces = chunks(text, PART_UNITS);
  if (pieces.length > MAX_PARTS) throw new RangeError(`message needs ${pieces.length} parts; at most ${MAX_PARTS}`);
  return pieces.map((piece, i) => ({
    payload: Buffer.concat([Buffer.from([0x05, 0x00, 0x03, ref & 0xff, pieces.length, i + 1]), ucs2(piece)]),
    udhi: true,
    total: pieces.length,
    seq: i + 1,
  }));
}

export interface Concat {
  ref: number;
  total: number;
  seq: number;
}

/** Read a user-data header: its concatenation info (8- or 16-bit reference) and the text bytes after it. */
export function readUdh(payload: Buffer): { concat: Concat | null; body: Buffer } {
  const udhl = payload[0];
  if (udhl === undefined || udhl + 1 > payload.length) return { concat: null, body: payload };
  const body = payload.subarray(udhl + 1);
  let i = 1;
  while (i + 1 < udhl + 1) {
    const iei = payload[i]!;
    const len = payload[i + 1]!;
    if (iei === 0x00 && len === 3) return { concat: { ref: payload[i + 2]!, total: payload[i + 3]!, seq: payload[i + 4]! }, body };
    if (iei === 0x08 && len === 4) return { concat: { ref: payload.readUInt16BE(i + 2), total: payload[i + 4]!, seq: payload[i + 5]! }, body };
    i += 2 + len;
  }
  return { concat: null, body };
}

/**
 * Joins the parts of long incoming messages (customer replies). Parts may arrive in any order; an
 * incomplete message is dropped after `ttlMs` (the handset never sent the rest).
 */
export class Reassembler {
  private readonly pending = new Map<string, { parts: (string | undefined)[]; at: number }>();

  constructor(private readonly ttlMs = 10 * 60_000) {}

  /** Returns the whole text once every part is in, else null. */
  add(from: string, concat: Concat, text: string, now = Date.now()): string | null {
    for (const [k, v] of this.pending) if (now - v.at > this.ttlMs) this.pending.delete(k);
    if (concat.total <= 1) return text;
    if (concat.seq < 1 || concat.seq > concat.total) return null;
    const key = `${from}|${concat.ref}|${concat.total}`;
    const entry = this.pending.get(key) ?? { parts: new Array<string | undefined>(concat.total).fill(undefined), at: now };
    entry.parts[concat.seq - 1] = text;
    this.pending.set(key, entry);
    if (entry.parts.some((p) => p === undefined)) return null;
    this.pending.delete(key);
    return entry.parts.join('');
  }
}
