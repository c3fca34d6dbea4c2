import { PROVISION_SERVICES, type ProvisionServiceId, type SaveProvisioningBindingInput } from '../../shared/channels/provisioning-input.js';
import { open, requireUsableSecretKey, seal } from '../channels/bindings/secret-box.js';
import { missingSecret } from '../channels/bindings/store.js';
import type { HttpSettings } from '../channels/bindings/types.js';
import { DomainError } from '../core/errors.js';
import type { Db } from '../db/open.js';
import { recordAudit } from '../governance/audit.js';

/**
 * Provisioning bindings (issue #21 item 2): what each operator service a provision state names is
 * answered by — the simulated service or the operator's HTTP interface. Versioned like the channel
 * bindings (a call keeps the version it was queued under), the secret sealed with the same secret box,
 * write-only: the API says only whether it is set.
 */
export type ProvisioningSettings = { kind: 'simulated' } | { kind: 'http'; http: HttpSettings };

export interface ProvisioningBinding {
  service: string;
  settings: ProvisioningSettings;
  version: number;
  updatedAt: number;
  updatedBy: string;
}

export type ProvisioningBindingView = {
  service: ProvisionServiceId;
  version: number;
  updatedAt: number | null;
  updatedBy: string | null;
  encrypted: boolean;
} & ({ kind: 'simulated' } | { kind: 'http'; http: { url: string; timeoutMs: number; maxAttempts: number; secretSet: boolean } });

interface Row { service: string; kind: string; settings: string; version: number; updated_at: number; updated_by: string }

const fromRow = (r: Row): ProvisioningBinding =>
  ({ service: r.service, settings: JSON.parse(r.settings) as ProvisioningSettings, version: r.version, updatedAt: r.updated_at, updatedBy: r.updated_by });

function stored(db: Db, service: string): ProvisioningBinding {
  const r = db.prepare('SELECT service, kind, settings, version, updated_at, updated_by FROM provisioning_bindings WHERE service = ?').get(service) as Row | undefined;
  return r ? fromRow(r) : { service, settings: { kind: 'simulated' }, version: 0, updatedAt: 0, updatedBy: '' };
}

const opened = (s: ProvisioningSettings): ProvisioningSettings => (s.kind === 'http' ? { kind: 'http', http: { ...s.http, secret: open(s.http.secret) } } : s);

/**
 * The binding a call goes out with, secret opened: the current one, or the version the call was queued
 * under. Throws SecretKeyError when the secret cannot be opened.
 */
export function loadProvisioningBinding(db: Db, service: string, version?: number): ProvisioningBinding {
  if (version === undefined) {
    const b = stored(db, service);
    return { ...b, settings: opened(b.settings) };
  }
  const r = db.prepare('SELECT service, kind, settings, version, created_at AS updated_at, created_by AS updated_by FROM provisioning_binding_versions WHERE service = ? AND version = ?')
    .get(service, version) as Row | undefined;
  if (!r) throw new DomainError({ code: 'NOT_FOUND', message: `开通服务 ${service} 没有版本 ${version} 的绑定 / Service ${service} has no binding version ${version}` });
  const b = fromRow(r);
  return { ...b, settings: opened(b.settings) };
}

/** Kind and version of every bound service (one small read per tick of a run that grants). */
export function boundServices(db: Db): Map<string, { kind: string; version: number }> {
  const rows = db.prepare('SELECT service, kind, version FROM provisioning_bindings').all() as { service: string; kind: string; version: number }[];
  return new Map(rows.map((r) => [r.service, { kind: r.kind, version: r.version }]));
}

function viewOf(b: ProvisioningBinding): ProvisioningBindingView {
  const s = b.settings;
  const base = {
    service: b.service as ProvisionServiceId, version: b.version, updatedAt: b.version ? b.updatedAt : null, updatedBy: b.version ? b.updatedBy : null,
    encrypted: s.kind === 'http' && s.http.secret.startsWith('enc:'),
  };
  return s.kind === 'http'
    ? { ...base, kind: 'http', http: { url: s.http.url, timeoutMs: s.http.timeoutMs, maxAttempts: s.http.maxAttempts, secretSet: s.http.secret !== '' } }
    : { ...base, kind: 'simulated' };
}

export const listProvisioningBindings = (db: Db): ProvisioningBindingView[] => PROVISION_SERVICES.map((s) => viewOf(stored(db, s)));

/**
 * Save a service's binding (input checked by `saveProvisioningBindingSchema`): the next version, kept in
 * the history, audited without the secret. A blank secret keeps the stored one (same kind only).
 */
export function saveProvisioningBinding(db: Db, input: SaveProvisioningBindingInput, by: { userId: number; username: string }, now = Date.now()): ProvisioningBindingView {
  requireUsableSecretKey();
  return db.transaction(() => {
    const before = stored(db, input.service);
    let settings: ProvisioningSettings = { kind: 'simulated' };
    if (input.binding.kind === 'http') {
      const h = input.binding.http;
      const kept = before.settings.kind === 'http' ? before.settings.http.secret : '';
      const secret = h.secret ? seal(h.secret) : kept;
      if (!secret) throw missingSecret('http');
      settings = { kind: 'http', http: { url: h.url, timeoutMs: h.timeoutMs, maxAttempts: h.maxAttempts, secret } };
    }
    const version = before.version + 1;
    const json = JSON.stringify(settings);
    db.prepare(`INSERT INTO provisioning_bindings (service, kind, settings, version, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (service) DO UPDATE SET kind = excluded.kind, settings = excluded.settings, version = excluded.version, updated_at = excluded.updated_at, updated_by = excluded.updated_by`)
      .run(input.service, settings.kind, json, version, now, by.username);
    db.prepare('INSERT INTO provisioning_binding_versions (service, version, kind, settings, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(input.service, version, settings.kind, json, now, by.username);
    const after: ProvisioningBinding = { service: input.service, settings, version, updatedAt: now, updatedBy: by.username };
    const secretOf = (s: ProvisioningSettings) => (s.kind === 'http' ? s.http.secret : '');
    const secretChanged = secretOf(settings) !== '' && secretOf(settings) !== secretOf(before.settings);
    recordAudit(db, { userId: by.userId, action: 'provisioning.binding', entity: 'provisioning', entityId: input.service, detail: { before: viewOf(before), after: viewOf(after), secretChanged } }, new Date(now));
    return viewOf(after);
  }).immediate();
}
