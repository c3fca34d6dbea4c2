import { DecodeError } from './cmpp/bytes.js';

/**
 * Cuts a TCP byte stream into frames whose first 4 bytes are the frame's total length (CMPP and SMPP
 * both). Handles partial and coalesced reads; a length outside [min, max] means the stream can no
 * longer be trusted, so it throws and the caller closes the connection.
 */
export class Framer {
  private buf: Buffer = Buffer.alloc(0);

  constructor(
    private readonly min: number,
    private readonly max: number,
  ) {}

  push(chunk: Buffer): Buffer[] {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const frames: Buffer[] = [];
    while (this.buf.length >= 4) {
      const len = this.buf.readUInt32BE(0);
      if (len < this.min || len > this.max) throw new DecodeError(`frame length ${len} is outside ${this.min}..${this.max}`);
      if (this.buf.length < len) break;
      frames.push(Buffer.from(this.buf.subarray(0, len)));
      this.buf = this.buf.subarray(len);
    }
    return frames;
  }
}
