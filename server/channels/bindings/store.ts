import { CHANNELS, type ChannelId } from '../../../shared/catalogue/channels.js';
import { defaultKind, type BindingInput, type SaveBindingInput } from '../../../shared/channels/binding-input.js';
import { DomainError } from '../../core/errors.js';
import type { Db } from '../../db/open.js';
import { recordAudit } from '../../governance/audit.js';
import { open, requireUsableSecretKey, seal } from './secret-box.js';
import type { BindingSettings, ChannelBinding } from './types.js';

/** A binding as the API shows it: every setting but the secrets, which are only said to be set or not. */
export type BindingView = {
  channel: ChannelId;
  version: number;
  updatedAt: number | null;
  updatedBy: string | null;
  /** Whether the stored secrets are encrypted at rest (LINKAGE_SECRET_KEY set when they were saved). */
  encrypted: boolean;
} & (
  | { kind: 'simulated' } | { kind: 'agent_queue' }
  | { kind: 'http'; http: { url: string; timeoutMs: number; maxAttempts: number; secretSet: boolean } }
  | { kind: 'smpp' | 'cmpp'; gateway: Omit<NonNullable<Extract<BindingSettings, { kind: 'smpp' }>['gateway']>, 'password'> & { passwordSet: boolean } }
  | { kind: 'dialer'; dialer: { leaseSeconds: number } }
);

interface Row { channel: string; kind: string; settings: string; version: number; updated_at: number; updated_by: string }

const defaultBinding = (channel: ChannelId): ChannelBinding => ({
  channel, settings: defaultKind(channel) === 'agent_queue' ? { kind: 'agent_queue' } : { kind: 'simulated' }, version: 0, updatedAt: 0, updatedBy: '',
});

/** The stored secret of a settings object (sealed), or ''. */
function storedSecret(s: BindingSettings): string {
  if (s.kind === 'http') return s.http.secret;
  if (s.kind === 'smpp' || s.kind === 'cmpp') return s.gateway.password;
  return '';
}

function withSecret(s: BindingSettings, secret: string): BindingSettings {
  if (s.kind === 'http') return { ...s, http: { ...s.http, secret } };
  if (s.kind === 'smpp' || s.kind === 'cmpp') return { ...s, gateway: { ...s.gateway, password: secret } };
  return s;
}

/** Settings as stored (secrets sealed) → as the adapters use them (secrets open). Throws SecretKeyError. */
const opened = (s: BindingSettings): BindingSettings => (storedSecret(s) ? withSecret(s, open(storedSecret(s))) : s);

function fromRow(r: Row): ChannelBinding {
  return { channel: r.channel, settings: JSON.parse(r.settings) as BindingSettings, version: r.version, updatedAt: r.updated_at, updatedBy: r.updated_by };
}

/** The current binding of a channel with its secrets sealed (the default when none was ever saved). */
function storedBinding(db: Db, channel: ChannelId): ChannelBinding {
  const r = db.prepare('SELECT channel, kind, settings, version, updated_at, updated_by FROM channel_bindings WHERE channel = ?').get(channel) as Row | undefined;
  return r ? fromRow(r) : defaultBinding(channel);
}

/**
 * The binding an adapter sends with, secrets decrypted: the current one, or a given version (a contact
 * first attempted under it keeps it). Throws SecretKeyError when the secret cannot be opened.
 */
export function loadBinding(db: Db, channel: ChannelId, version?: number): ChannelBinding {
  if (version === undefined || version === 0) {
    const b = storedBinding(db, channel);
    if (version === undefined || b.version === 0) return { ...b, settings: opened(b.settings) };
  }
  const r = db.prepare('SELECT channel, kind, settings, version, created_at AS updated_at, created_by AS updated_by FROM channel_binding_versions WHERE channel = ? AND version = ?')
    .get(channel, version) as Row | undefined;
  if (!r) throw new DomainError({ code: 'NOT_FOUND', message: `渠道 ${channel} 没有版本 ${version} 的绑定 / Channel ${channel} has no binding version ${version}` });
  const b = fromRow(r);
  return { ...b, settings: opened(b.settings) };
}

/** Sum of the current versions: changes whenever any binding is saved (versions only grow). */
export const bindingsStamp = (db: Db): number => db.prepare('SELECT coalesce(sum(version), 0) FROM channel_bindings').pluck().get() as number;

export function viewOf(b: ChannelBinding): BindingView {
  const base = { channel: b.channel as ChannelId, version: b.version, updatedAt: b.version ? b.updatedAt : null, updatedBy: b.version ? b.updatedBy : null, encrypted: storedSecret(b.settings).startsWith('enc:') };
  const s = b.settings;
  switch (s.kind) {
    case 'http': return { ...base, kind: 'http', http: { url: s.http.url, timeoutMs: s.http.timeoutMs, maxAttempts: s.http.maxAttempts, secretSet: s.http.secret !== '' } };
    case 'smpp':
    case 'cmpp': {
      const { password, ...rest } = s.gateway;
      return { ...base, kind: s.kind, gateway: { ...rest, passwordSet: password !== '' } };
    }
    case 'dialer': return { ...base, kind: 'dialer', dialer: { leaseSeconds: s.dialer.leaseSeconds } };
    default: return { ...base, kind: s.kind };
  }
}

export const bindingView = (db: Db, channel: ChannelId): BindingView => viewOf(storedBinding(db, channel));
export const listBindingViews = (db: Db): BindingView[] => CHANNELS.map((c) => bindingView(db, c.id));

/** A first HTTP or gateway binding (or one of another kind before) saved without its secret; the provisioning bindings say the same. */
export const missingSecret = (kind: 'http' | 'gateway') => new DomainError({
  code: 'BAD_REQUEST',
  message: kind === 'http' ? 'binding.http.secret：请填写签名密钥 / binding.http.secret: Enter the signing secret' : 'binding.gateway.password：请填写密码 / binding.gateway.password: Enter the password',
});

/** Input settings → stored settings: a new secret sealed, a blank one kept from the same kind's stored binding. */
function toStored(input: BindingInput, before: ChannelBinding): BindingSettings {
  const sameKind = before.settings.kind === input.kind;
  const kept = sameKind ? storedSecret(before.settings) : '';
  switch (input.kind) {
    case 'http': {
      const secret = input.http.secret ? seal(input.http.secret) : kept;
      if (!secret) throw missingSecret('http');
      return { kind: 'http', http: { url: input.http.url, timeoutMs: input.http.timeoutMs, maxAttempts: input.http.maxAttempts, secret } };
    }
    case 'smpp':
    case 'cmpp': {
      const g = input.gateway;
      const password = g.password ? seal(g.password) : kept;
      if (!password) throw missingSecret('gateway');
      return {
        kind: input.kind,
        gateway: {
          host: g.host, port: g.port, account: g.account, password, serviceId: g.serviceId, accessNumber: g.accessNumber, tps: g.tps, window: g.window,
          ...(input.kind === 'cmpp' && g.version ? { version: g.version } : {}), ...(g.signature ? { signature: g.signature } : {}),
        },
      };
    }
    case 'dialer': return { kind: 'dialer', dialer: { leaseSeconds: input.dialer.leaseSeconds } };
    default: return { kind: input.kind };
  }
}

const DELIVERING = new Set(['http', 'smpp', 'cmpp']);

/**
 * Contacts queued on a gateway or platform binding go out through it (their retries keep its version). A
 * simulated or agent-queue binding has no outbox to take them over, so switching to one while live runs
 * still have contacts waiting would strand them: refused, saying how many and what to do.
 */
function refuseStranding(db: Db, channel: string, from: string, to: string): void {
  if (!DELIVERING.has(from) || DELIVERING.has(to)) return;
  const waiting = Number(db.prepare(`SELECT count(*) FROM contacts c JOIN runs r ON r.id = c.run_id
    WHERE c.channel = ? AND c.status = 'queued' AND r.status IN ('running', 'paused') AND r.clock = 'live'`).pluck().get(channel));
  if (waiting === 0) return;
  throw new DomainError({ code: 'CONFLICT', message: `还有 ${waiting} 条联系在此绑定上排队（含死信）：请先让其发送完成、重试死信，或停止相关流程，再改为模拟或人工队列 / ${waiting} contacts are still queued on this binding (dead letters included): let them go out, retry the dead letters or stop those flows before switching to simulated or the agent queue` });
}

/**
 * Save a channel's binding (input already checked by `saveBindingSchema`): the next version, kept in the
 * history, audited without secrets (the audit says whether a secret was changed, never what it is).
 */
export function saveBinding(db: Db, input: SaveBindingInput, by: { userId: number; username: string }, now = Date.now()): BindingView {
  requireUsableSecretKey();
  return db.transaction(() => {
    const before = storedBinding(db, input.channel);
    refuseStranding(db, input.channel, before.settings.kind, input.binding.kind);
    const settings = toStored(input.binding, before);
    const version = before.version + 1;
    const json = JSON.stringify(settings);
    db.prepare(`INSERT INTO channel_bindings (channel, kind, settings, version, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (channel) DO UPDATE SET kind = excluded.kind, settings = excluded.settings, version = excluded.version, updated_at = excluded.updated_at, updated_by = excluded.updated_by`)
      .run(input.channel, settings.kind, json, version, now, by.username);
    db.prepare('INSERT INTO channel_binding_versions (channel, version, kind, settings, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(input.channel, version, settings.kind, json, now, by.username);
    const after: ChannelBinding = { channel: input.channel, settings, version, updatedAt: now, updatedBy: by.username };
    const secretChanged = storedSecret(settings) !== '' && storedSecret(settings) !== storedSecret(before.settings);
    recordAudit(db, { userId: by.userId, action: 'channel.binding', entity: 'channel', entityId: input.channel, detail: { before: viewOf(before), after: viewOf(after), secretChanged } }, new Date(now));
    return viewOf(after);
  }).immediate();
}
