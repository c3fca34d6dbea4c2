import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION } from './document.js';
import { locateJsonError } from './json-position.js';
import { MIGRATIONS, migrate, parseFlowDocument } from './migrations.js';
import { schemaVersionFor } from './schema-version.js';
import { baseDoc } from './testing/build.js';
import { validateFlow } from './validate.js';

const codes = (r: ReturnType<typeof parseFlowDocument>) => (r.ok ? [] : r.issues.map((i) => i.code));

describe('parseFlowDocument', () => {
  it('accepts a current document as text or as a value', () => {
    const doc = baseDoc();
    expect(parseFlowDocument(JSON.stringify(doc))).toEqual({ ok: true, doc });
    expect(parseFlowDocument(doc)).toEqual({ ok: true, doc });
  });

  it('reports malformed JSON with line and column', () => {
    const result = parseFlowDocument('{\n  "id": "x",\n  "name": }');
    expect(codes(result)).toEqual(['INVALID_JSON']);
    if (!result.ok) {
      expect(result.issues[0]!.message.en).toContain('line 3, column 11');
      expect(result.issues[0]!.message.en).toContain('expected a value');
      expect(result.issues[0]!.message.zh).toContain('第 3 行第 11 列');
    }
  });

  it.each([['', 1, 1], ['{"a":1,}', 1, 8], ['[1 2]', 1, 4], ['{"a":"\u0001"}', 1, 7], ['{} x', 1, 4], ['{"a": tru}', 1, 10]])(
    'locates the JSON error in %j at %i:%i',
    (text, line, column) => {
      expect(() => JSON.parse(text)).toThrow();
      expect(locateJsonError(text)).toMatchObject({ line, column });
    },
  );

  it('agrees with JSON.parse on valid text', () => {
    for (const text of ['{}', '[]', '"\\u00e9\\n"', '-1.5e3', '{"a":[true,false,null,{"b":"c"}]}']) {
      expect(locateJsonError(text)).toBeNull();
    }
  });

  it('refuses values that are not objects', () => {
    for (const v of ['[1]', '"text"', 'null', 42]) expect(codes(parseFlowDocument(v))).toEqual(['NOT_AN_OBJECT']);
  });

  it('refuses a future schemaVersion with a clear message', () => {
    const result = parseFlowDocument({ ...baseDoc(), schemaVersion: CURRENT_SCHEMA_VERSION + 1 });
    expect(codes(result)).toEqual(['UNSUPPORTED_SCHEMA_VERSION']);
    if (!result.ok) expect(result.issues[0]!.message.en).toMatch(/newer than this build/);
  });

  it.each([-1, 1.5, '1'])('refuses schemaVersion %j', (v) => {
    expect(codes(parseFlowDocument({ ...baseDoc(), schemaVersion: v }))).toEqual(['UNSUPPORTED_SCHEMA_VERSION']);
  });

  it('migrates a v0 document (no schemaVersion, startDate/endDate, no priority)', () => {
    const { schemaVersion: _v, period, priority: _p, ...rest } = baseDoc();
    const v0 = { ...rest, startDate: period.start, endDate: period.end };
    const result = parseFlowDocument(JSON.stringify(v0));
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.doc.schemaVersion).toBe(1);
      expect(result.doc.period).toEqual(period);
      expect(result.doc.priority).toBe(80); // province flows
      expect(result.doc).not.toHaveProperty('startDate');
      expect(validateFlow(result.doc)).toEqual([]);
    }
    expect(MIGRATIONS[0]!({ orgUnit: 'gz' }).priority).toBe(50);
  });

  it('a node type\'s own data upgrade stands alone: it moves the document version and runs with no document step', () => {
    // A wait that stored minutes, upgraded to hours from today's version; no other type or document change.
    const waitV = { migrations: { [CURRENT_SCHEMA_VERSION]: (d: unknown) => ({ mode: 'duration', hours: (d as { minutes: number }).minutes / 60 }) } };
    const target = schemaVersionFor([{}, waitV]);
    expect(target).toBe(CURRENT_SCHEMA_VERSION + 1);
    const doc = { ...baseDoc(), nodes: [{ id: 'w', type: 'wait', position: { x: 0, y: 0 }, data: { minutes: 90 } }, { id: 'e', type: 'end', position: { x: 0, y: 0 }, data: { outcome: 'completed' } }] };
    const up = migrate(doc, target, (type, from) => (type === 'wait' ? waitV.migrations[from] : undefined));
    expect(up).toMatchObject({ ok: true, doc: { schemaVersion: target, nodes: [{ data: { mode: 'duration', hours: 1.5 } }, { data: { outcome: 'completed' } }] } });
    // A v0 document takes the document step first, then the type's.
    const { schemaVersion: _v, period, ...rest } = doc;
    expect(migrate({ ...rest, startDate: period.start, endDate: period.end }, target, (type, from) => (type === 'wait' ? waitV.migrations[from] : undefined)))
      .toMatchObject({ ok: true, doc: { schemaVersion: target, period, nodes: [{ data: { hours: 1.5 } }, {}] } });
    // Today's registry has no type upgrades, so the document format's version is the version.
    expect(CURRENT_SCHEMA_VERSION).toBe(1);
  });

  it('reports a migration that throws as MIGRATION_FAILED', () => {
    const original = MIGRATIONS[0]!;
    MIGRATIONS[0] = () => { throw new Error('corrupt'); };
    try {
      expect(codes(parseFlowDocument({}))).toEqual(['MIGRATION_FAILED']);
    } finally {
      MIGRATIONS[0] = original;
    }
  });

  it('reports schema failures with their paths', () => {
    const result = parseFlowDocument({ ...baseDoc(), period: { start: '2025-07-01', end: 'soon' }, priority: 500 });
    expect(codes(result)).toEqual(['INVALID_DOCUMENT', 'INVALID_DOCUMENT']);
    if (!result.ok) {
      expect(result.issues.map((i) => i.path)).toEqual([['period', 'end'], ['priority']]);
      expect(result.issues[0]!.message.en).toMatch(/^period · end date: /); // named as the editor labels it (issue #17 item 8)
    }
  });

  it('leaves node data to the validator, so a broken node still loads', () => {
    const doc = { ...baseDoc(), nodes: [...baseDoc().nodes, { id: 'x', type: 'warp', position: { x: 0, y: 0 }, data: 1 }] };
    expect(parseFlowDocument(doc).ok).toBe(true);
  });
});
