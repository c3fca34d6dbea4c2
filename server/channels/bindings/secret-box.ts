import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DomainError } from '../../core/errors.js';

/**
 * Binding secrets (gateway passwords, signing secrets) at rest: AES-256-GCM with the key in
 * `LINKAGE_SECRET_KEY` (32 bytes as 64 hex characters or base64), so a copy of the store alone does not
 * give away the operator's gateway accounts. Without the key (demo installs) secrets are stored as
 * `plain:` and the admin page says so; a secret sealed under a key that is no longer configured cannot be
 * opened and the binding reports it instead of sending with garbage.
 */
const SEALED = 'enc:v1:';
const PLAIN = 'plain:';

export class SecretKeyError extends Error {}

/** The configured key, or null; a key that is set but malformed is refused loudly (never silently plain). */
export function secretKey(env: NodeJS.ProcessEnv = process.env): Buffer | null {
  const raw = env.LINKAGE_SECRET_KEY?.trim();
  if (!raw) return null;
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new SecretKeyError('LINKAGE_SECRET_KEY must be 32 bytes: 64 hex characters or base64');
  return key;
}

/**
 * Checked before any binding (channel or provisioning) is saved: a malformed key is the operator's to
 * fix, so the save is refused as a precondition (412, in both languages) rather than failing half-way.
 */
export function requireUsableSecretKey(): void {
  try {
    secretKey();
  } catch (e) {
    if (e instanceof SecretKeyError) throw new DomainError({ code: 'PRECONDITION_FAILED', message: `服务器密钥配置错误：${e.message} / Server key misconfigured: ${e.message}` });
    throw e;
  }
}

export function seal(secret: string, key: Buffer | null = secretKey()): string {
  if (!key) return PLAIN + secret;
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(secret, 'utf8'), c.final()]);
  return SEALED + Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
}

export function open(stored: string, key: Buffer | null = secretKey()): string {
  if (stored.startsWith(PLAIN)) return stored.slice(PLAIN.length);
  if (!stored.startsWith(SEALED)) throw new SecretKeyError('stored secret has an unknown format');
  if (!key) throw new SecretKeyError('the secret was encrypted but LINKAGE_SECRET_KEY is not set');
  const buf = Buffer.from(stored.slice(SEALED.length), 'base64');
  const d = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
  d.setAuthTag(buf.subarray(12, 28));
  try {
    return Buffer.concat([d.update(buf.subarray(28)), d.final()]).toString('utf8');
  } catch {
    throw new SecretKeyError('the secret cannot be decrypted with the configured LINKAGE_SECRET_KEY');
  }
}

export const isSealed = (stored: string): boolean => stored.startsWith(SEALED);

/** For the admin page: whether secrets saved now are encrypted at rest. */
export function keyStatus(): 'set' | 'unset' | 'invalid' {
  try {
    return secretKey() ? 'set' : 'unset';
  } catch {
    return 'invalid';
  }
}
