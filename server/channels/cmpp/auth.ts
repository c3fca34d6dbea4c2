import { createHash } from 'node:crypto';

/** CONNECT's Timestamp: MMDDHHMMSS of the local clock, sent as an integer and hashed as 10 digits. */
export function cmppTimestamp(d: Date): number {
  const p = (n: number) => String(n).padStart(2, '0');
  return Number(`${p(d.getMonth() + 1)}${p(d.getDate())}${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`);
}

/** AuthenticatorSource = MD5(Source_Addr + 9 zero bytes + shared secret + timestamp as "MMDDHHMMSS"). */
export function authenticatorSource(sourceAddr: string, secret: string, timestamp: number): Buffer {
  return createHash('md5')
    .update(Buffer.concat([Buffer.from(sourceAddr, 'latin1'), Buffer.alloc(9), Buffer.from(secret, 'utf8'), Buffer.from(String(timestamp).padStart(10, '0'), 'latin1')]))
    .digest();
}

/** AuthenticatorISMG = MD5(Status + AuthenticatorSource + shared secret); the gateway's proof, sent in CONNECT_RESP. */
export function authenticatorIsmg(status: number, source: Buffer, secret: string): Buffer {
  return createHash('md5')
    .update(Buffer.concat([Buffer.from([status & 0xff]), source, Buffer.from(secret, 'utf8')]))
    .digest();
}
