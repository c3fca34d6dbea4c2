import { CHANNEL_IDS } from '../../shared/catalogue/channels.js';
import type { ChannelInput, GroupInput, OrgUnitInput, PlanInput, ProductInput } from '../../shared/catalogue/schema.js';
import { bumpCatalogueVersion } from '../core/active-catalogue.js';
import type { SessionUser } from '../core/context.js';
import { DomainError } from '../core/errors.js';
import type { Db } from '../db/types.js';
import { recordAudit } from '../governance/audit.js';
import { CATALOGUE, loadCatalogue, readCatalogue } from './store.js';

const fail = (code: 'BAD_REQUEST' | 'CONFLICT' | 'NOT_FOUND' | 'FORBIDDEN' | 'PRECONDITION_FAILED', zh: string, en: string) =>
  new DomainError({ code, message: `${zh} / ${en}` });

/**
 * The catalogue is the province's: every flow, city and engine worker reads the same one, so only an admin
 * of the province company edits it (a city admin reads it like everyone else).
 */
function assertProvinceAdmin(db: Db, user: SessionUser): void {
  const parent = db.prepare('SELECT parent FROM org_units WHERE id = ?').pluck().get(user.orgUnit) as string | null | undefined;
  if (parent !== null) throw fail('FORBIDDEN', '目录由省公司管理员维护，地市管理员只能查看', 'The catalogue is maintained by province admins; city admins can only view it');
}

/**
 * One edit: checked, written, audited and its version bumped in one transaction, then the process's active
 * catalogue reloaded (other processes reload at their next read, see server/core/active-catalogue.ts).
 */
function edit<T>(db: Db, user: SessionUser, audit: { action: string; entityId: string; detail: Record<string, unknown> }, write: () => T): T {
  assertProvinceAdmin(db, user);
  const out = db.transaction(() => {
    const r = write();
    recordAudit(db, { userId: user.id, action: audit.action, entity: 'catalogue', entityId: audit.entityId, detail: audit.detail });
    bumpCatalogueVersion(db, CATALOGUE);
    return r;
  })();
  loadCatalogue(db);
  return out;
}

export function saveProduct(db: Db, user: SessionUser, p: ProductInput, mode: 'create' | 'update'): void {
  const before = readCatalogue(db).products.find((x) => x.id === p.id);
  if (mode === 'create' && before) throw fail('CONFLICT', `产品 ID「${p.id}」已存在（id）`, `id: product "${p.id}" already exists`);
  if (mode === 'update' && !before) throw fail('NOT_FOUND', `产品「${p.id}」不存在`, `Product "${p.id}" does not exist`);
  edit(db, user, { action: `catalogue.product.${mode}`, entityId: `product:${p.id}`, detail: { before: before ?? null, after: p } }, () => {
    if (mode === 'create') {
      db.prepare('INSERT INTO products (id, name_zh, name_en, category, price, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(p.id, p.name.zh, p.name.en, p.category, p.price, p.validFrom, p.validTo);
    } else {
      db.prepare('UPDATE products SET name_zh = ?, name_en = ?, category = ?, price = ?, valid_from = ?, valid_to = ? WHERE id = ?')
        .run(p.name.zh, p.name.en, p.category, p.price, p.validFrom, p.validTo, p.id);
    }
  });
}

/**
 * Deleting a product does not touch flows: a draft naming it gets a validation issue, a running flow keeps the
 * approved product from its snapshot, and customers' holdings of it stay (they are history).
 */
export function deleteProduct(db: Db, user: SessionUser, id: string): void {
  const before = readCatalogue(db).products.find((x) => x.id === id);
  if (!before) throw fail('NOT_FOUND', `产品「${id}」不存在`, `Product "${id}" does not exist`);
  edit(db, user, { action: 'catalogue.product.delete', entityId: `product:${id}`, detail: { before } }, () => {
    db.prepare('DELETE FROM products WHERE id = ?').run(id);
  });
}

/** Channel ids are fixed (see shared/catalogue/channels.ts); every property is editable, `enabled` included. */
export function saveChannel(db: Db, user: SessionUser, c: ChannelInput): void {
  const before = readCatalogue(db).channels.find((x) => x.id === c.id);
  if (!before) throw fail('NOT_FOUND', `渠道「${c.id}」不存在`, `Channel "${c.id}" does not exist`);
  edit(db, user, { action: 'catalogue.channel.update', entityId: `channel:${c.id}`, detail: { before, after: c } }, () => {
    db.prepare(`UPDATE channels SET name_zh = ?, name_en = ?, enabled = ?, electronic = ?, kind = ?, stages = ?, cost_per_contact = ?, daily_capacity = ?,
        contact_start_hour = ?, contact_end_hour = ?, quiet_start_hour = ?, quiet_end_hour = ?, needs_smartphone = ?, response_delay_hours = ?, sms_signature = ?
      WHERE id = ?`)
      .run(c.label.zh, c.label.en, c.enabled ? 1 : 0, c.electronic ? 1 : 0, c.kind, JSON.stringify(c.stages), c.costPerContact, c.dailyCapacity,
        c.contactHours[0], c.contactHours[1], c.quietHours?.[0] ?? null, c.quietHours?.[1] ?? null, c.needsSmartphone ? 1 : 0, c.responseDelayHours,
        c.smsSignature, c.id);
  });
}

export function saveGroup(db: Db, user: SessionUser, g: GroupInput): void {
  const before = readCatalogue(db).groups.find((x) => x.id === g.id);
  if (!before) throw fail('NOT_FOUND', `客户群「${g.id}」不存在`, `Customer group "${g.id}" does not exist`);
  edit(db, user, { action: 'catalogue.group.update', entityId: `group:${g.id}`, detail: { before, after: g } }, () => {
    db.prepare('UPDATE customer_groups SET name_zh = ?, name_en = ? WHERE id = ?').run(g.name.zh, g.name.en, g.id);
  });
}

/**
 * Organisation: one province company, its city companies, their districts. The province is the root and
 * stays one; a unit's parent never changes (users, flows and subscribers are filed under it).
 */
export function saveOrgUnit(db: Db, user: SessionUser, u: OrgUnitInput, mode: 'create' | 'update'): void {
  const units = readCatalogue(db).orgUnits;
  const before = units.find((x) => x.id === u.id);
  if (mode === 'create') {
    if (before) throw fail('CONFLICT', `单位 ID「${u.id}」已存在（id）`, `id: unit "${u.id}" already exists`);
    if (CHANNEL_IDS.includes(u.id as never)) throw fail('BAD_REQUEST', `单位 ID「${u.id}」与渠道同名（id）`, `id: "${u.id}" is a channel id`);
    const parent = units.find((x) => x.id === u.parent);
    if (!parent) throw fail('BAD_REQUEST', '请选择上级单位（parent）', 'parent: choose the parent unit');
    const grand = parent.parent === null ? null : units.find((x) => x.id === parent.parent);
    if (grand && grand.parent !== null) throw fail('BAD_REQUEST', '区县下不能再设下级单位（parent）', 'parent: a district has no units under it');
  } else {
    if (!before) throw fail('NOT_FOUND', `单位「${u.id}」不存在`, `Unit "${u.id}" does not exist`);
    if (before.parent !== u.parent) throw fail('BAD_REQUEST', '上级单位不能修改（parent）', 'parent: the parent unit cannot change');
  }
  edit(db, user, { action: `catalogue.org.${mode}`, entityId: `org:${u.id}`, detail: { before: before ?? null, after: u } }, () => {
    if (mode === 'create') {
      db.prepare('INSERT INTO org_units (id, name_zh, name_en, parent, share) VALUES (?, ?, ?, ?, NULL)').run(u.id, u.name.zh, u.name.en, u.parent);
    } else {
      db.prepare('UPDATE org_units SET name_zh = ?, name_en = ? WHERE id = ?').run(u.name.zh, u.name.en, u.id);
    }
  });
}

export function savePlan(db: Db, user: SessionUser, p: PlanInput, mode: 'create' | 'update'): void {
  const before = readCatalogue(db).plans.find((x) => x.id === p.id);
  if (mode === 'create' && before) throw fail('CONFLICT', `套餐 ID「${p.id}」已存在（id）`, `id: plan "${p.id}" already exists`);
  if (mode === 'update' && !before) throw fail('NOT_FOUND', `套餐「${p.id}」不存在`, `Plan "${p.id}" does not exist`);
  edit(db, user, { action: `catalogue.plan.${mode}`, entityId: `plan:${p.id}`, detail: { before: before ?? null, after: p } }, () => {
    if (mode === 'create') {
      db.prepare('INSERT INTO tariff_plans (id, name_zh, name_en, monthly_fee, data_allowance_mb, on_sale) VALUES (?, ?, ?, ?, ?, ?)')
        .run(p.id, p.name.zh, p.name.en, p.monthlyFee, p.dataAllowanceMb, p.onSale ? 1 : 0);
    } else {
      db.prepare('UPDATE tariff_plans SET name_zh = ?, name_en = ?, monthly_fee = ?, data_allowance_mb = ?, on_sale = ? WHERE id = ?')
        .run(p.name.zh, p.name.en, p.monthlyFee, p.dataAllowanceMb, p.onSale ? 1 : 0, p.id);
    }
  });
}

/**
 * A plan customers are on cannot go: their `plan` would name nothing (segments, scripts and imports read the
 * plan's values from the catalogue). Taking it off sale keeps it for them. Counted inside the deleting
 * transaction, so an import adding customers on it meanwhile cannot slip past.
 */
export function deletePlan(db: Db, user: SessionUser, id: string): void {
  const before = readCatalogue(db).plans.find((x) => x.id === id);
  if (!before) throw fail('NOT_FOUND', `套餐「${id}」不存在`, `Plan "${id}" does not exist`);
  edit(db, user, { action: 'catalogue.plan.delete', entityId: `plan:${id}`, detail: { before } }, () => {
    const users = Number(db.prepare('SELECT count(*) FROM subscribers WHERE plan = ?').pluck().get(id));
    if (users > 0) {
      throw fail('PRECONDITION_FAILED', `套餐「${before.name.zh}」还有 ${users} 位客户在用，不能删除；可改为停售`,
        `Plan "${before.name.en}" is used by ${users} customers and cannot be deleted; take it off sale instead`);
    }
    db.prepare('DELETE FROM tariff_plans WHERE id = ?').run(id);
  });
}
