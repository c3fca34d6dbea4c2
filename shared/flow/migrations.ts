import { t } from '../text.js';
import { CURRENT_SCHEMA_VERSION, flowDocumentSchema, type FlowDocument } from './document.js';
import { unknownDocumentKeys } from './validate/unknown-keys.js';
import { issue, type Issue } from './issues.js';
import { locateJsonError } from './json-position.js';
import { zodIssueTextWithPath } from './zod-messages.js';
import { nodeDef } from '../nodes/registry.js';

type RawDoc = Record<string, unknown>;

/**
 * Document-format migrations keyed by the version they upgrade FROM: `MIGRATIONS[n]` turns a version-n
 * document into a version-(n+1) one. Each is pure (returns a new object) and only touches what changed in
 * that version, so old flows in the database and in exported files keep loading. A version that only
 * changes one node type's data needs no step here: the type's own `migrations` bump the version
 * (`schema-version.ts`) and a missing document step is the identity.
 */
export const MIGRATIONS: Record<number, (doc: RawDoc) => RawDoc> = {
  /**
   * v0 (the prototype, no `schemaVersion`): the period was two top-level fields `startDate` and
   * `endDate`, and flows had no `priority` (arbitration took the province flow first). v1 nests the
   * period and makes priority explicit: 80 for province flows, 50 for city flows.
   */
  0: (doc) => {
    const { startDate, endDate, ...rest } = doc;
    const out: RawDoc = { ...rest, schemaVersion: 1 };
    if (out.period === undefined) out.period = { start: startDate, end: endDate };
    if (out.priority === undefined) out.priority = out.orgUnit === 'province' ? 80 : 50;
    return out;
  },
};

export type ParseResult = { ok: true; doc: FlowDocument } | { ok: false; issues: Issue[] };

/**
 * Load a flow document from JSON text or an already-parsed value: JSON syntax (with line and
 * column), then schema-version migrations up to {@link CURRENT_SCHEMA_VERSION}, then the zod
 * document schema. Node `data` is NOT checked here — `validateFlow` reports it per node, so a
 * document with a broken node still opens in the editor.
 */
export function parseFlowDocument(input: unknown): ParseResult {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      return { ok: false, issues: [jsonIssue(input, e)] };
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, issues: [issue('NOT_AN_OBJECT', t('流程文档必须是一个 JSON 对象', 'A flow document must be a JSON object'))] };
  }
  const migrated = migrate(value as RawDoc);
  if (!migrated.ok) return migrated;
  const parsed = flowDocumentSchema.safeParse(migrated.doc);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((zi) =>
        issue('INVALID_DOCUMENT', zodIssueTextWithPath(zi), { path: zi.path as (string | number)[] }),
      ),
    };
  }
  // Zod drops keys it does not know: a misspelt field must be an issue, not silently gone.
  const unknown = unknownDocumentKeys(migrated.doc, parsed.data);
  if (unknown.length > 0) return { ok: false, issues: unknown };
  return { ok: true, doc: parsed.data };
}

/** Node-type data upgrades from one version (the registry's, or a test's own types). */
export type TypeUpgrades = (type: string, from: number) => ((data: unknown) => unknown) | undefined;
const registryUpgrades: TypeUpgrades = (type, from) => nodeDef(type)?.migrations?.[from];

/** Upgrade a raw document to the current version (or `target`), or say why it cannot be. */
export function migrate(doc: RawDoc, target = CURRENT_SCHEMA_VERSION, upgrades = registryUpgrades): { ok: true; doc: RawDoc } | { ok: false; issues: Issue[] } {
  const raw = doc.schemaVersion;
  let version = raw === undefined ? 0 : raw;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { ok: false, issues: [issue('UNSUPPORTED_SCHEMA_VERSION', t(`schemaVersion 应为非负整数，实际为 ${JSON.stringify(raw)}`, `schemaVersion must be a non-negative integer, got ${JSON.stringify(raw)}`), { path: ['schemaVersion'] })] };
  }
  if (version > target) {
    return { ok: false, issues: [issue('UNSUPPORTED_SCHEMA_VERSION', t(`文档版本 ${version} 比当前系统支持的版本 ${target} 新，请升级 Linkage 后再打开`, `Document schemaVersion ${version} is newer than this build supports (${target}); upgrade Linkage to open it`), { path: ['schemaVersion'] })] };
  }
  let current = doc;
  while (version < target) {
    const step = MIGRATIONS[version];
    try {
      current = migrateNodes(step ? step(current) : { ...current, schemaVersion: version + 1 }, version, upgrades);
    } catch (e) {
      return { ok: false, issues: [issue('MIGRATION_FAILED', t(`从版本 ${version} 升级失败：${String(e)}`, `Migration from schemaVersion ${version} failed: ${String(e)}`))] };
    }
    version++;
  }
  return { ok: true, doc: current };
}

/**
 * Each node type's own upgrades from `version` (its definition's `migrations`), applied to the data of
 * its nodes; a version bump that only changes one type's data needs no document step.
 */
function migrateNodes(doc: RawDoc, version: number, upgrades: TypeUpgrades): RawDoc {
  if (!Array.isArray(doc.nodes)) return doc;
  let changed = false;
  const nodes = (doc.nodes as unknown[]).map((n) => {
    const node = n as RawDoc | null;
    const up = node && typeof node === 'object' && typeof node.type === 'string' ? upgrades(node.type, version) : undefined;
    if (!up) return n;
    changed = true;
    return { ...node, data: up(node!.data) };
  });
  return changed ? { ...doc, nodes } : doc;
}

function jsonIssue(text: string, error: unknown): Issue {
  const at = locateJsonError(text);
  if (!at) {
    const msg = error instanceof Error ? error.message : String(error);
    return issue('INVALID_JSON', t(`JSON 格式错误：${msg}`, `Malformed JSON: ${msg}`));
  }
  const end = at.offset >= text.length;
  const near = end ? '' : JSON.stringify(text.slice(at.offset, at.offset + 12));
  return issue(
    'INVALID_JSON',
    t(
      `JSON 格式错误：第 ${at.line} 行第 ${at.column} 列（位置 ${at.offset}）处应为 ${at.expected}，实际为${end ? '文本结尾' : ` ${near}`}`,
      `Malformed JSON at line ${at.line}, column ${at.column} (offset ${at.offset}): expected ${at.expected}, found ${end ? 'the end of the text' : near}`,
    ),
  );
}
