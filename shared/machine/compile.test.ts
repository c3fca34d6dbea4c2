import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../flow/document.js';
import { parseFlowDocument } from '../flow/migrations.js';
import { shuffled } from '../flow/testing/arbitrary-flow.js';
import { baseDoc, docWith, edge, node, publicitySms, salesCall, withData } from '../flow/testing/build.js';
import { validateFlow } from '../flow/validate.js';
import { compileFlow } from './compile.js';
import { contentHash } from './hash.js';
import { stateTargets } from './targets.js';
import type { Machine } from './types.js';

const FLOW_FILES = readdirSync('flows').filter((f) => f.endsWith('.json')).sort();

function load(file: string): FlowDocument {
  const parsed = parseFlowDocument(readFileSync(`flows/${file}`, 'utf8'));
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.issues)}`);
  return parsed.doc;
}

function compiled(doc: FlowDocument): Machine {
  const result = compileFlow(doc);
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 1));
  return result.machine;
}

/** Every transition points at a state, and every state is reachable from `initial`. */
function expectClosed(m: Machine) {
  expect(m.states[m.initial]).toBeDefined();
  for (const s of Object.values(m.states)) for (const t of stateTargets(s)) expect(m.states[t], `${s.id} → ${t}`).toBeDefined();
  for (const s of Object.values(m.states)) if (s.kind === 'send') expect(m.scripts[s.script]).toBeDefined();
}

/** A document whose `pub` node is replaced by a linkage with `data`; outputs as in the base document. */
const withLinkage = (data: unknown) => ({ ...withData(baseDoc(), 'pub', data), nodes: withData(baseDoc(), 'pub', data).nodes.map((n) => (n.id === 'pub' ? { ...n, type: 'linkage' } : n)) });

describe('compileFlow on flows/', () => {
  it('has at least 8 flows, 3 of them templates', () => {
    expect(FLOW_FILES.length).toBeGreaterThanOrEqual(8);
    expect(FLOW_FILES.filter((f) => load(f).template).length).toBeGreaterThanOrEqual(3);
  });

  it.each(FLOW_FILES)('%s validates without errors and compiles to a closed, stable machine', (file) => {
    const doc = load(file);
    expect(validateFlow(doc).filter((i) => i.severity === 'error')).toEqual([]);
    const machine = compiled(doc);
    expectClosed(machine);
    expect(machine).toMatchSnapshot();
    const { hash, ...body } = machine;
    expect(hash).toBe(contentHash(body));
    expect(JSON.stringify(compiled(doc))).toBe(JSON.stringify(machine));
    expect(JSON.stringify(compiled(shuffled(doc, 7)))).toBe(JSON.stringify(machine));
    expect(compiled(JSON.parse(JSON.stringify(doc))).hash).toBe(hash);
  });
});

describe('compileFlow', () => {
  it('refuses a document with errors and returns only the errors', () => {
    const doc = { ...baseDoc(), productId: 'nope', contactPolicy: { weeklyCap: 1 } };
    const result = compileFlow(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.code)).toEqual(['UNKNOWN_PRODUCT']);
  });

  it('lowers a script step to send → await with outcome exits, and an open optional port to a terminal', () => {
    const m = compiled(baseDoc());
    expect(m.initial).toBe('pub.p1.send');
    expect(m.entryNode).toBe('seg');
    expect(m.states['pub.p1.send']).toMatchObject({ kind: 'send', channel: 'sms_hall', stage: 'publicity', script: 'pub.p1', next: 'pub.p1.await', unreachable: 'pub.unreachable' });
    expect(m.states['pub.p1.await']).toMatchObject({ kind: 'await', timeoutHours: 48, on: { order: 'won', response: 'call.c1.send' }, timeout: 'done' });
    expect(m.states['pub.unreachable']).toMatchObject({ kind: 'terminal', outcome: 'unreachable' });
    expect(m.states.won).toMatchObject({ kind: 'terminal', outcome: 'converted' });
    expectClosed(m);
  });

  it('chains serial touches by their hand-off rules', () => {
    const touch = (id: string, handoff: string) => ({ ...publicitySms(id), handoff });
    const m = compiled(withLinkage({ mode: 'serial', touches: [touch('a', 'on_response'), touch('b', 'on_no_response'), touch('c', 'after_timeout'), { ...salesCall('d'), handoff: 'on_response' }] }));
    expect(m.initial).toBe('pub.a.send');
    expect(m.states['pub.a.await']).toMatchObject({ on: { order: 'won', response: 'pub.b.send' }, timeout: 'done' });
    expect(m.states['pub.b.await']).toMatchObject({ on: { order: 'won', response: 'call.c1.send' }, timeout: 'pub.c.send' });
    expect(m.states['pub.c.await']).toMatchObject({ on: { order: 'won', response: 'pub.d.send' }, timeout: 'pub.d.send' });
    expect(m.states['pub.d.await']).toMatchObject({ on: { order: 'won', response: 'call.c1.send' }, timeout: 'done' });
    // "advance on response": a customer never reached never responded, so leaves as unreachable (#16 item 9)
    expect(m.states['pub.a.send']).toMatchObject({ unreachable: 'pub.unreachable' });
    expect(m.states['pub.b.send']).toMatchObject({ unreachable: 'pub.c.send' });
    expect(m.states['pub.d.send']).toMatchObject({ unreachable: 'pub.unreachable' });
  });

  it('routes parallel lanes by fit, with channel and stage on each branch', () => {
    const lanes = [publicitySms('sms'), { ...publicitySms('app'), channel: 'app' }];
    const m = compiled(withLinkage({ mode: 'parallel', routing: 'fit', lanes }));
    expect(m.states.pub).toEqual({
      id: 'pub', node: 'pub', kind: 'route', mode: 'best_fit', otherwise: 'pub.unreachable',
      branches: [
        { guard: { kind: 'always' }, target: 'pub.sms.send', channel: 'sms_hall', stage: 'publicity' },
        { guard: { kind: 'always' }, target: 'pub.app.send', channel: 'app', stage: 'publicity' },
      ],
    });
    expect(m.states['pub.app.await']).toMatchObject({ on: { order: 'won', response: 'call.c1.send' }, timeout: 'done' });
  });

  it('routes by rules with a fallback lane as an exhaustive first-match route', () => {
    const rule = { combinator: 'and', rules: [{ field: 'group', op: 'in', value: ['student'] }], groups: [] };
    const m = compiled(withLinkage({ mode: 'parallel', routing: 'rules', lanes: [{ ...publicitySms('s'), rule }, publicitySms('rest')] }));
    expect(m.states.pub).toMatchObject({ mode: 'first', otherwise: null, branches: [{ guard: { kind: 'rule', group: rule } }, { guard: { kind: 'always' } }] });
  });

  it('chains a hybrid lane into its follow-ups (default hand-off on_response)', () => {
    const lane = { ...publicitySms('w'), channel: 'wechat', followUps: [{ ...salesCall('w2'), handoff: 'on_response' }] };
    const m = compiled(withLinkage({ mode: 'hybrid', routing: 'fit', lanes: [lane, { ...publicitySms('s'), handoff: 'after_timeout', followUps: [{ ...salesCall('s2'), handoff: 'on_response' }] }] }));
    expect(m.states['pub.w.await']).toMatchObject({ on: { response: 'pub.w2.send' }, timeout: 'done' });
    expect(m.states['pub.s.await']).toMatchObject({ on: { response: 'pub.s2.send' }, timeout: 'pub.s2.send' });
    expect(m.states['pub.w2.await']).toMatchObject({ on: { order: 'won', response: 'call.c1.send' }, timeout: 'done' });
  });

  it('lowers waits, splits and evaluations to timers, awaits and routes', () => {
    const doc = docWith(
      [
        node('seg', 'segment'),
        node('w1', 'wait', { mode: 'until_time', time: '09:30' }),
        node('ab', 'split', { branches: [{ id: 'a', label: 'A', percent: 33.3 }, { id: 'b', label: 'B', percent: 66.7 }] }),
        node('w2', 'wait', { mode: 'event', event: 'app_login', timeoutHours: 12 }),
        node('pub', 'script', publicitySms()),
        node('kpi', 'evaluate', { mode: 'kpi', metric: 'response_rate', op: 'gte', threshold: 0.1, onFail: 'stop' }),
        node('who', 'evaluate', { mode: 'customer', branches: [{ id: 'rich', label: '', test: { kind: 'attribute', condition: { field: 'arpu', op: 'gte', value: 100 } } }, { id: 'resp', label: '', test: { kind: 'responded' } }] }),
        node('done', 'end'),
      ],
      [
        edge('seg', 'out', 'w1'), edge('w1', 'out', 'ab'), edge('ab', 'a', 'w2'), edge('ab', 'b', 'pub'),
        edge('w2', 'event', 'pub'), edge('w2', 'timeout', 'done'),
        edge('pub', 'converted', 'done'), edge('pub', 'responded', 'kpi'), edge('pub', 'no_response', 'who'),
        edge('kpi', 'pass', 'done'), edge('who', 'rich', 'done'), edge('who', 'resp', 'done'), edge('who', 'else', 'done'),
      ],
    );
    const m = compiled(doc);
    expect(m.initial).toBe('w1');
    expect(m.states.w1).toMatchObject({ kind: 'timer', wake: { mode: 'until_time', time: '09:30' }, next: 'ab' });
    expect(m.states.ab).toMatchObject({ kind: 'route', mode: 'first', otherwise: null, branches: [{ guard: { kind: 'bucket', from: 0, to: 33.3 }, target: 'w2' }, { guard: { kind: 'bucket', from: 33.3, to: 100 }, target: 'pub.p1.send' }] });
    expect(m.states.w2).toMatchObject({ kind: 'await', on: { app_login: 'pub.p1.send' }, timeout: 'done', timeoutHours: 12 });
    expect(m.states.kpi).toMatchObject({ kind: 'route', branches: [{ guard: { kind: 'kpi', metric: 'response_rate', op: 'gte', threshold: 0.1 }, target: 'done' }], otherwise: 'kpi.stopped' });
    expect(m.states['kpi.stopped']).toMatchObject({ kind: 'terminal', outcome: 'stopped' });
    expect(m.states.who).toMatchObject({ branches: [{ guard: { kind: 'attribute' } }, { guard: { kind: 'responded' } }], otherwise: 'done' });
    expectClosed(m);
  });

  it('drops unreachable nodes and hashes content, not order', () => {
    const doc = { ...baseDoc(), nodes: [...baseDoc().nodes, node('stray', 'end')] };
    const m = compiled(doc);
    expect(Object.values(m.states).some((s) => s.node === 'stray')).toBe(false);
    expect(m.hash).toBe(compiled(baseDoc()).hash);
    const reworded = withData(baseDoc(), 'pub', { ...publicitySms(), script: { ...publicitySms().script, template: '新文案{name}' } });
    expect(compiled(reworded).hash).not.toBe(m.hash);
    expect(m.hash).toMatch(/^[0-9a-f]{16}$/);
  });
});
