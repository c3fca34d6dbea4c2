/** Big-endian writer/reader for CMPP's fixed-width fields. Octet strings are ASCII, NUL-padded on the right. */

export class DecodeError extends Error {
  override name = 'DecodeError';
}

export class Writer {
  private readonly parts: Buffer[] = [];
  length = 0;

  private push(b: Buffer): this {
    this.parts.push(b);
    this.length += b.length;
    return this;
  }

  u8(n: number): this {
    const b = Buffer.alloc(1);
    b.writeUInt8(n, 0);
    return this.push(b);
  }

  u32(n: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n >>> 0, 0);
    return this.push(b);
  }

  /** An unsigned integer in `width` bytes (1 or 4: CMPP results differ between versions). */
  uint(n: number, width: number): this {
    return width === 1 ? this.u8(n) : this.u32(n);
  }

  u64(n: bigint): this {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(n, 0);
    return this.push(b);
  }

  /** A fixed-width octet string: ASCII, truncated never (it throws), padded with NUL bytes. */
  str(s: string, width: number): this {
    const src = Buffer.from(s, 'latin1');
    if (src.length > width) throw new RangeError(`field too long: "${s}" is ${src.length} bytes, the field holds ${width}`);
    const b = Buffer.alloc(width);
    src.copy(b);
    return this.push(b);
  }

  bytes(b: Buffer, width = b.length): this {
    if (b.length > width) throw new RangeError(`field too long: ${b.length} bytes, the field holds ${width}`);
    const out = Buffer.alloc(width);
    b.copy(out);
    return this.push(out);
  }

  done(): Buffer {
    return Buffer.concat(this.parts, this.length);
  }
}

export class Reader {
  private off = 0;
  constructor(
    private readonly buf: Buffer,
    private readonly what: string,
  ) {}

  private need(n: number): number {
    if (this.off + n > this.buf.length) throw new DecodeError(`${this.what}: truncated at byte ${this.off} (needs ${n} more, has ${this.buf.length - this.off})`);
    const at = this.off;
    this.off += n;
    return at;
  }

  u8(): number {
    return this.buf.readUInt8(this.need(1));
  }

  u32(): number {
    return this.buf.readUInt32BE(this.need(4));
  }

  uint(width: number): number {
    return width === 1 ? this.u8() : this.u32();
  }

  u64(): bigint {
    return this.buf.readBigUInt64BE(this.need(8));
  }

  str(width: number): string {
    const at = this.need(width);
    const raw = this.buf.subarray(at, at + width);
    const end = raw.indexOf(0);
    return raw.subarray(0, end < 0 ? width : end).toString('latin1');
  }

  bytes(n: number): Buffer {
    const at = this.need(n);
    return Buffer.from(this.buf.subarray(at, at + n));
  }

  get remaining(): number {
    return this.buf.length - this.off;
  }

  end(): void {
    if (this.remaining !== 0) throw new DecodeError(`${this.what}: ${this.remaining} unexpected trailing bytes`);
  }
}
