import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileFlow } from '../../machine/compile.js';
import { parseFlowDocument } from '../migrations.js';
import { baseDoc } from '../testing/build.js';
import { validateFlow } from '../validate.js';

const withTypo = () => ({ ...baseDoc(), contactPolicy: { dailyCapp: 1, weeklyCap: 2 } });

describe('unknown keys are validation errors with their path', () => {
  it('a misspelt contactPolicy key is an issue at load, not an empty policy', () => {
    const r = parseFlowDocument(JSON.stringify(withTypo()));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([expect.objectContaining({ code: 'INVALID_DOCUMENT', severity: 'error', path: ['contactPolicy', 'dailyCapp'] })]);
    expect(r.issues[0]!.message.en).toMatch(/unknown field "dailyCapp"/);
    expect(r.issues[0]!.message.zh).toMatch(/不支持的字段「dailyCapp」/);
    // handed to the validator or the compiler directly (no parse boundary): the same issue
    expect(validateFlow(withTypo())).toContainEqual(expect.objectContaining({ code: 'INVALID_DOCUMENT', path: ['contactPolicy', 'dailyCapp'] }));
    expect(compileFlow(withTypo()).ok).toBe(false);
  });

  it('anywhere in the document: top level, goal, edges, and inside node data (touches, scripts)', () => {
    const doc = baseDoc() as unknown as Record<string, unknown> & { goal: object; edges: object[]; nodes: { data: Record<string, unknown> & { script: object } }[] };
    const raw = { ...doc, owner: 'x', goal: { ...doc.goal, budgt: 5 }, edges: [{ ...doc.edges[0], label: 'x' }, ...doc.edges.slice(1)] };
    const r = parseFlowDocument(raw);
    expect(r.ok ? [] : r.issues.map((i) => i.path)).toEqual([['goal', 'budgt'], ['edges', 0, 'label'], ['owner']]);
    const pub = structuredClone(doc.nodes[1]!);
    pub.data = { ...pub.data, timeoutHour: 3, script: { ...pub.data.script, secondConfirmaton: true } };
    const p = parseFlowDocument({ ...doc, nodes: [doc.nodes[0], pub, ...doc.nodes.slice(2)] });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    const issues = validateFlow(p.doc).filter((i) => i.code === 'INVALID_NODE_DATA');
    expect(issues.map((i) => [i.nodeId, i.path])).toEqual([['pub', ['script', 'secondConfirmaton']], ['pub', ['timeoutHour']]]);
  });

  it('a clean document has none', () => {
    expect(validateFlow(baseDoc()).filter((i) => i.code === 'INVALID_DOCUMENT' || i.code === 'INVALID_NODE_DATA')).toEqual([]);
  });

  it('flow validate (CLI) exits 1 and names the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'flow-unknown-'));
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify(withTypo()));
    const r = spawnSync(join('node_modules', '.bin', 'tsx'), ['server/cli/flow.ts', 'validate', file], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/INVALID_DOCUMENT: .*contactPolicy\.dailyCapp/);
  });
});
