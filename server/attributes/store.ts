import { setSubscriberFields, type AttributeDef, type AttributeEdit, type AttributeInput, type FieldOption } from '../../shared/catalogue/subscriber-fields.js';
import { bumpCatalogueVersion, registerActive } from '../core/active-catalogue.js';
import { DomainError } from '../core/errors.js';
import { dialectOf } from '../db/dialect.js';
import type { Db } from '../db/types.js';
import { recordAudit } from '../governance/audit.js';
import { attributeUsers } from './usage.js';

interface Row {
  key: string; label_zh: string; label_en: string; type: AttributeDef['type']; sql: string; column_name: string | null;
  options: string | null; options_from: AttributeDef['optionsFrom'] | null; unit_zh: string | null; unit_en: string | null;
  description_zh: string; description_en: string; builtin: number | string;
}

const toDef = (r: Row): AttributeDef => ({
  id: r.key,
  label: { zh: r.label_zh, en: r.label_en },
  type: r.type,
  sql: r.sql,
  ...(r.column_name ? { column: r.column_name } : {}),
  ...(r.options ? { options: JSON.parse(r.options) as FieldOption[] } : {}),
  ...(r.options_from ? { optionsFrom: r.options_from } : {}),
  ...(r.unit_zh || r.unit_en ? { unit: { zh: r.unit_zh ?? '', en: r.unit_en ?? '' } } : {}),
  ...(r.description_zh || r.description_en ? { description: { zh: r.description_zh, en: r.description_en } } : {}),
  ...(Number(r.builtin) ? { builtin: true } : {}),
});

/** The attribute catalogue as stored, in the admin's order. */
export function readAttributes(db: Db): AttributeDef[] {
  return (db.prepare('SELECT * FROM attributes ORDER BY position, key').all() as Row[]).map(toDef);
}

registerActive('attributes', (db) => setSubscriberFields(readAttributes(db)));

const bad = (zh: string, en: string, code: 'BAD_REQUEST' | 'CONFLICT' | 'NOT_FOUND' | 'PRECONDITION_FAILED' = 'BAD_REQUEST') =>
  new DomainError({ code, message: `${zh} / ${en}` });

/** `creditScore` → `attr_credit_score`: a column of its own, so a count filters an indexable column. */
export const columnFor = (key: string): string => `attr_${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;

/** The SQL type of an attribute's own column on `subscribers` (also what a simulation store gives it). */
export function columnType(db: Db, type: AttributeDef['type']): string {
  const pg = dialectOf(db) === 'postgres';
  switch (type) {
    case 'number': return pg ? 'DOUBLE PRECISION' : 'REAL';
    case 'integer':
    case 'boolean': return pg ? 'BIGINT' : 'INTEGER';
    default: return 'TEXT';
  }
}

function checkOptions(type: AttributeDef['type'], options: readonly FieldOption[] | undefined): void {
  if (type !== 'enum') {
    if (options?.length) throw bad('只有枚举类型可以设置取值（options）', 'options: only an enum attribute has values');
    return;
  }
  if (!options?.length) throw bad('枚举属性至少需要一个取值（options）', 'options: an enum attribute needs at least one value');
  const seen = new Set<string>();
  for (const o of options) {
    if (seen.has(o.value)) throw bad(`取值「${o.value}」重复（options）`, `options: value "${o.value}" appears twice`);
    seen.add(o.value);
  }
}

/** The subscriber sample (migration 18) copies the base's columns; a new attribute's column goes there too. */
function hasSample(db: Db): boolean {
  const sql = dialectOf(db) === 'postgres' ? "SELECT to_regclass('subscriber_sample') IS NOT NULL" : "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'subscriber_sample'";
  return Boolean(db.prepare(sql).pluck().get());
}

/** Labels compare without their spaces, English without case: "Credit  score" and "credit score" are one choice in the segment builder and one column name in an import's auto-mapping. */
const sameLabel = (a: string, b: string): boolean => a.replace(/\s+/g, '').toLowerCase() === b.replace(/\s+/g, '').toLowerCase();

/** Each language's label names one attribute only; `except` is the attribute being edited. */
function checkLabelsFree(db: Db, label: AttributeInput['label'], except?: string): void {
  const others = readAttributes(db).filter((a) => a.id !== except);
  const zh = others.find((a) => sameLabel(a.label.zh, label.zh));
  if (zh) throw bad(`中文名称「${label.zh}」已被属性「${zh.label.zh}」（${zh.id}）使用（label.zh）`, `label.zh: "${label.zh}" is already the Chinese label of attribute "${zh.label.en}" (${zh.id})`, 'CONFLICT');
  const en = others.find((a) => sameLabel(a.label.en, label.en));
  if (en) throw bad(`英文名称「${label.en}」已被属性「${en.label.zh}」（${en.id}）使用（label.en）`, `label.en: "${label.en}" is already the English label of attribute "${en.label.en}" (${en.id})`, 'CONFLICT');
}

const unitOf = (u: AttributeEdit['unit']) => (u && (u.zh || u.en) ? u : undefined);

/**
 * Define an attribute: its row, a column `attr_<key>` on `subscribers` (empty for every customer until an
 * import fills it) and the version bump, in one transaction — DDL is transactional on both stores.
 */
export function defineAttribute(db: Db, userId: number, input: AttributeInput): AttributeDef {
  checkOptions(input.type, input.options);
  const column = columnFor(input.key);
  db.transaction(() => {
    if (db.prepare('SELECT 1 FROM attributes WHERE key = ? OR column_name = ?').get(input.key, column)) {
      throw bad(`属性键「${input.key}」已存在（key）`, `key: attribute "${input.key}" already exists`, 'CONFLICT');
    }
    checkLabelsFree(db, input.label);
    const position = Number(db.prepare('SELECT coalesce(max(position), 0) + 1 FROM attributes').pluck().get());
    db.exec(`ALTER TABLE subscribers ADD COLUMN ${column} ${columnType(db, input.type)}`);
    if (hasSample(db)) db.exec(`ALTER TABLE subscriber_sample ADD COLUMN ${column} ${columnType(db, input.type)}`);
    const unit = unitOf(input.unit);
    db.prepare(`INSERT INTO attributes (key, label_zh, label_en, type, sql, column_name, options, options_from, unit_zh, unit_en, description_zh, description_en, builtin, position, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, 0, ?, ?)`).run(
      input.key, input.label.zh, input.label.en, input.type, `s.${column}`, column,
      input.type === 'enum' ? JSON.stringify(input.options) : null, unit?.zh ?? null, unit?.en ?? null,
      input.description?.zh ?? '', input.description?.en ?? '', position, Date.now(),
    );
    bumpCatalogueVersion(db, 'attributes');
    recordAudit(db, { userId, action: 'attribute.define', entity: 'attribute', entityId: input.key, detail: { type: input.type, label: input.label, column } });
  })();
  setSubscriberFields(readAttributes(db));
  return readAttributes(db).find((a) => a.id === input.key)!;
}

function existing(db: Db, key: string): AttributeDef {
  const row = db.prepare('SELECT * FROM attributes WHERE key = ?').get(key) as Row | undefined;
  if (!row) throw bad(`属性「${key}」不存在`, `attribute "${key}" does not exist`, 'NOT_FOUND');
  return toDef(row);
}

/** Labels, unit, description and (for an enum) its values; the key, type and column never change. */
export function updateAttribute(db: Db, userId: number, key: string, edit: AttributeEdit): AttributeDef {
  db.transaction(() => {
    const a = existing(db, key);
    checkLabelsFree(db, edit.label, key);
    if (edit.options !== undefined && !a.optionsFrom) checkOptions(a.type, edit.options);
    if (edit.options?.length && a.optionsFrom) throw bad('此属性的取值来自目录（客户群、地市、套餐），请在目录中修改（options）', 'options: this attribute takes its values from the catalogue (groups, cities, plans); edit them there');
    const unit = unitOf(edit.unit);
    db.prepare(`UPDATE attributes SET label_zh = ?, label_en = ?, unit_zh = ?, unit_en = ?, description_zh = ?, description_en = ?, options = coalesce(?, options), updated_at = ? WHERE key = ?`).run(
      edit.label.zh, edit.label.en, unit?.zh ?? null, unit?.en ?? null, edit.description?.zh ?? '', edit.description?.en ?? '',
      a.type === 'enum' && edit.options ? JSON.stringify(edit.options) : null, Date.now(), key,
    );
    bumpCatalogueVersion(db, 'attributes');
    recordAudit(db, { userId, action: 'attribute.update', entity: 'attribute', entityId: key, detail: { before: { label: a.label, unit: a.unit, options: a.options }, after: edit } });
  })();
  setSubscriberFields(readAttributes(db));
  return existing(db, key);
}

/** Delete an attribute no flow or saved segment uses; its column goes with it. Seeded ones stay. */
export function deleteAttribute(db: Db, userId: number, key: string): void {
  db.transaction(() => {
    const a = existing(db, key);
    if (a.builtin) throw bad(`「${a.label.zh}」是内置属性，不能删除`, `"${a.label.en}" is a built-in attribute and cannot be deleted`, 'PRECONDITION_FAILED');
    const users = attributeUsers(db, key);
    if (users.flows.length || users.segments.length) {
      const names = [...users.flows.map((f) => `「${f.name}」`), ...users.segments.map((s) => `「${s.name}」`)];
      const namesEn = [...users.flows.map((f) => `"${f.name}"`), ...users.segments.map((s) => `saved segment "${s.name}"`)];
      throw bad(`属性「${a.label.zh}」正被使用，不能删除：${names.join('、')}`, `attribute "${a.label.en}" is in use and cannot be deleted: ${namesEn.join(', ')}`, 'PRECONDITION_FAILED');
    }
    db.prepare('DELETE FROM attributes WHERE key = ?').run(key);
    if (a.column) {
      db.exec(`ALTER TABLE subscribers DROP COLUMN ${a.column}`);
      if (hasSample(db)) db.exec(`ALTER TABLE subscriber_sample DROP COLUMN ${a.column}`);
    }
    bumpCatalogueVersion(db, 'attributes');
    recordAudit(db, { userId, action: 'attribute.delete', entity: 'attribute', entityId: key, detail: { label: a.label, type: a.type } });
  })();
  setSubscriberFields(readAttributes(db));
}
