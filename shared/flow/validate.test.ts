import { afterEach, describe, expect, it } from 'vitest';
import { getCatalogue, resetCatalogue, setCatalogue } from '../catalogue/active.js';
import type { FlowDocument, FlowNode } from './document.js';
import { ISSUE_CODES, type IssueCode } from './issues.js';
import { baseDoc, docWith, edge, node, publicitySms, withData } from './testing/build.js';
import { validateFlow } from './validate.js';

type Case = { code: IssueCode; doc: () => FlowDocument; nodeId?: string; edgeId?: string; path?: (string | number)[] };

/** Put `extra` between the segment and the publicity touch (its every output port leads on to `pub`). */
function insertBeforePub(extra: FlowNode, ports: string[]): FlowDocument {
  const d = baseDoc();
  return {
    ...d,
    nodes: [...d.nodes, extra],
    edges: [...d.edges.filter((e) => e.source !== 'seg'), edge('seg', 'out', extra.id), ...ports.map((p) => edge(extra.id, p, 'pub'))],
  };
}
const pubData = (patch: object, script: object = {}) => ({ ...publicitySms(), ...patch, script: { ...publicitySms().script, ...script } });
const segData = (patch: object) => ({ ...(node('x', 'segment').data as object), ...patch });
const plus = (d: FlowDocument, nodes: FlowNode[], edges: FlowDocument['edges'] = []) => ({ ...d, nodes: [...d.nodes, ...nodes], edges: [...d.edges, ...edges] });
/** A disabled channel is a catalogue state, not a document one: disable it for one case (restored after each). */
const disabling = (channel: string, doc: FlowDocument): FlowDocument => {
  const cat = getCatalogue();
  setCatalogue({ ...cat, channels: cat.channels.map((c) => (c.id === channel ? { ...c, enabled: false } : c)) });
  return doc;
};
/** The flow's product with other catalogue values (validity) for one case. */
const withProduct = (patch: object, doc: FlowDocument): FlowDocument => {
  const cat = getCatalogue();
  setCatalogue({ ...cat, products: cat.products.map((p) => (p.id === doc.productId ? { ...p, ...patch } : p)) });
  return doc;
};
const ruled = (id: string) => ({ ...publicitySms(id), rule: { combinator: 'and', rules: [{ field: 'group', op: 'in', value: ['student'] }], groups: [] } });

const CASES: Case[] = [
  { code: 'UNKNOWN_PRODUCT', doc: () => ({ ...baseDoc(), productId: 'moon_pack' }), path: ['productId'] },
  { code: 'PRODUCT_NOT_ON_SALE', doc: () => withProduct({ validTo: '2025-06-30' }, baseDoc()), path: ['productId'] },
  { code: 'UNKNOWN_ORG_UNIT', doc: () => ({ ...baseDoc(), orgUnit: 'bj' }), path: ['orgUnit'] },
  { code: 'PERIOD_INVALID', doc: () => ({ ...baseDoc(), period: { start: '2025-07-31', end: '2025-07-01' } }), path: ['period', 'end'] },
  { code: 'NO_ENTRY', doc: () => { const d = baseDoc(); return { ...d, nodes: d.nodes.filter((n) => n.id !== 'seg'), edges: d.edges.filter((e) => e.source !== 'seg') }; } },
  { code: 'MULTIPLE_ENTRIES', doc: () => plus(baseDoc(), [node('seg2', 'segment')], [edge('seg2', 'out', 'pub')]), nodeId: 'seg2' },
  { code: 'UNKNOWN_NODE_TYPE', doc: () => plus(baseDoc(), [node('tp', 'teleport', {})], [edge('pub', 'unreachable', 'tp')]), nodeId: 'tp' },
  { code: 'DUPLICATE_NODE_ID', doc: () => plus(baseDoc(), [node('done', 'end', { outcome: 'declined' })]), nodeId: 'done' },
  { code: 'INVALID_NODE_DATA', doc: () => withData(baseDoc(), 'pub', pubData({ timeoutHours: '48' })), nodeId: 'pub', path: ['timeoutHours'] },
  { code: 'INVALID_ID', doc: () => plus(baseDoc(), [node('a.b', 'end')], [edge('pub', 'unreachable', 'a.b')]), nodeId: 'a.b' },
  { code: 'DUPLICATE_TOUCH_ID', doc: () => retype(withData(baseDoc(), 'pub', { mode: 'serial', touches: [{ ...publicitySms('t'), handoff: 'on_response' }, { ...publicitySms('t'), handoff: 'on_response' }] }), 'pub', 'linkage'), nodeId: 'pub', path: ['touches', 1, 'id'] },
  { code: 'DUPLICATE_PORT_ID', doc: () => insertBeforePub(node('ev', 'evaluate', { mode: 'customer', branches: [{ id: 'else', label: '', test: { kind: 'converted' } }] }), ['else']), nodeId: 'ev', path: ['branches', 0, 'id'] },
  { code: 'DUPLICATE_EDGE_ID', doc: () => { const d = baseDoc(); return { ...d, edges: d.edges.map((e) => (e.source === 'call' ? { ...e, id: 'same' } : e)) }; }, edgeId: 'same' },
  { code: 'DANGLING_EDGE', doc: () => plus(baseDoc(), [], [edge('pub', 'unreachable', 'ghost', 'to-ghost')]), edgeId: 'to-ghost' },
  { code: 'DANGLING_EDGE', doc: () => plus(baseDoc(), [], [edge('pub', 'maybe', 'done', 'bad-handle')]), edgeId: 'bad-handle' },
  { code: 'DUPLICATE_EDGE', doc: () => plus(baseDoc(), [], [edge('pub', 'converted', 'won', 'again')]), edgeId: 'again' },
  { code: 'INVALID_CONNECTION', doc: () => plus(baseDoc(), [], [edge('pub', 'unreachable', 'seg', 'into-entry')]), edgeId: 'into-entry' },
  { code: 'INVALID_CONNECTION', doc: () => plus(baseDoc(), [], [edge('pub', 'converted', 'done', 'taken')]), edgeId: 'taken' },
  { code: 'REQUIRED_OUTPUT_UNCONNECTED', doc: () => { const d = baseDoc(); return { ...d, edges: d.edges.filter((e) => e.id !== 'e-call-no_response') }; }, nodeId: 'call' },
  { code: 'UNREACHABLE_NODE', doc: () => plus(baseDoc(), [node('orphan', 'end')]), nodeId: 'orphan' },
  { code: 'CYCLE_WITHOUT_WAIT', doc: () => { const d = baseDoc(); return { ...d, edges: d.edges.map((e) => (e.id === 'e-call-no_response' ? { ...e, target: 'pub' } : e)) }; }, nodeId: 'pub' },
  { code: 'SALES_BEFORE_PUBLICITY', doc: () => { const d = baseDoc(); return { ...d, edges: d.edges.map((e) => (e.source === 'seg' ? { ...e, target: 'call' } : e)) }; }, nodeId: 'call' },
  { code: 'CONTACT_CAP_EXCEEDED', doc: () => ({ ...baseDoc(), contactPolicy: { weeklyCap: 1 } }), nodeId: 'call' },
  { code: 'CONTACT_CAP_EXCEEDED', doc: () => ({ ...baseDoc(), contactPolicy: { dailyCap: 1 } }), path: ['contactPolicy', 'dailyCap'] },
  { code: 'OUTCOME_TEST_BEFORE_TOUCH', doc: () => insertBeforePub(node('ev', 'evaluate'), ['b_converted', 'b_responded', 'else']), nodeId: 'ev', path: ['branches', 0, 'test'] },
  { code: 'UNDEFINED_SCRIPT_VARIABLE', doc: () => withData(baseDoc(), 'pub', pubData({}, { template: '{name}，领取{coupon}' })), nodeId: 'pub', path: ['script'] },
  { code: 'CHANNEL_DISABLED', doc: () => disabling('bulk_sms', withData(baseDoc(), 'pub', pubData({ channel: 'bulk_sms' }))), nodeId: 'pub', path: ['channel'] },
  { code: 'CHANNEL_CANNOT_SERVE_STAGE', doc: () => withData(baseDoc(), 'pub', pubData({ channel: 'kiosk' })), nodeId: 'pub', path: ['stage'] },
  { code: 'SCRIPT_KIND_MISMATCH', doc: () => withData(baseDoc(), 'pub', pubData({ channel: 'outbound_call' })), nodeId: 'pub', path: ['script', 'kind'] },
  { code: 'SALES_WITHOUT_SECOND_CONFIRMATION', doc: () => withData(baseDoc(), 'pub', pubData({ stage: 'sales' }, { replyKeywords: [{ keyword: '1', action: 'order' }] })), nodeId: 'pub', path: ['script', 'secondConfirmation'] },
  { code: 'ORDER_OUTSIDE_SALES_STAGE', doc: () => withData(baseDoc(), 'pub', pubData({}, { replyKeywords: [{ keyword: '1', action: 'order' }], secondConfirmation: true })), nodeId: 'pub', path: ['stage'] },
  { code: 'DUPLICATE_REPLY_KEYWORD', doc: () => withData(baseDoc(), 'pub', pubData({}, { replyKeywords: [{ keyword: '1', action: 'info' }, { keyword: '1', action: 'optout' }] })), nodeId: 'pub', path: ['script', 'replyKeywords', 1, 'keyword'] },
  { code: 'WAIT_NON_POSITIVE', doc: () => withData(baseDoc(), 'pub', pubData({ timeoutHours: 0 })), nodeId: 'pub', path: ['timeoutHours'] },
  { code: 'WAIT_NON_POSITIVE', doc: () => insertBeforePub(node('w', 'wait', { mode: 'duration', hours: -1 }), ['out']), nodeId: 'w', path: ['hours'] },
  { code: 'WAIT_NON_POSITIVE', doc: () => insertBeforePub(node('w', 'wait', { mode: 'event', event: 'order', timeoutHours: 0 }), ['event', 'timeout']), nodeId: 'w', path: ['timeoutHours'] },
  { code: 'WAIT_OUTSIDE_PERIOD', doc: () => insertBeforePub(node('w', 'wait', { mode: 'until_date', date: '2026-01-01' }), ['out']), nodeId: 'w', path: ['date'] },
  { code: 'SPLIT_NOT_100', doc: () => insertBeforePub(node('ab', 'split', { branches: [{ id: 'a', label: 'A', percent: 50 }, { id: 'b', label: 'B', percent: 40 }] }), ['a', 'b']), nodeId: 'ab', path: ['branches'] },
  { code: 'UNKNOWN_FIELD', doc: () => withData(baseDoc(), 'seg', segData({ conditions: { combinator: 'and', rules: [], groups: [{ combinator: 'or', rules: [{ field: 'shoeSize', op: 'gt', value: 40 }], groups: [] }] } })), nodeId: 'seg', path: ['conditions', 'groups', 0, 'rules', 0, 'field'] },
  { code: 'BAD_OPERATOR', doc: () => withData(baseDoc(), 'seg', segData({ conditions: { combinator: 'and', rules: [{ field: 'arpu', op: 'in', value: ['1'] }], groups: [] } })), nodeId: 'seg', path: ['conditions', 'rules', 0, 'op'] },
  { code: 'BAD_CONDITION_VALUE', doc: () => withData(baseDoc(), 'seg', segData({ conditions: { combinator: 'and', rules: [{ field: 'group', op: 'in', value: ['pirates'] }], groups: [] } })), nodeId: 'seg', path: ['conditions', 'rules', 0, 'value'] },
  { code: 'BAD_CONDITION_VALUE', doc: () => withData(baseDoc(), 'seg', segData({ conditions: { combinator: 'and', rules: [{ field: 'age', op: 'between', value: [60, 18] }], groups: [] } })), nodeId: 'seg' },
  { code: 'SEGMENT_TARGETS_EVERYONE', doc: () => withData(baseDoc(), 'seg', segData({ conditions: { combinator: 'and', rules: [], groups: [] } })), nodeId: 'seg', path: ['conditions'] },
  { code: 'TRIGGER_THRESHOLD_MISSING', doc: () => withData(baseDoc(), 'seg', segData({ entry: { mode: 'event', event: 'usage_threshold' } })), nodeId: 'seg', path: ['entry', 'threshold'] },
  { code: 'RULES_WITHOUT_FALLBACK_LANE', doc: () => retype(withData(baseDoc(), 'pub', { mode: 'parallel', routing: 'rules', lanes: [ruled('a'), ruled('b')] }), 'pub', 'linkage'), nodeId: 'pub', path: ['lanes'] },
  { code: 'KPI_THRESHOLD_OUT_OF_RANGE', doc: () => insertBeforePub(node('kpi', 'evaluate', { mode: 'kpi', metric: 'conversion_rate', op: 'gte', threshold: 5, onFail: 'stop' }), ['pass']), nodeId: 'kpi', path: ['threshold'] },
  { code: 'RETRY_CHANNEL_INVALID', doc: () => retype(withData(baseDoc(), 'pub', { mode: 'serial', touches: [{ ...publicitySms('a'), handoff: 'on_response', onFailure: 'retry' }] }), 'pub', 'linkage'), nodeId: 'pub', path: ['touches', 0, 'retryChannel'] },
  { code: 'CAPACITY_SHARE_INVALID', doc: () => ({ ...baseDoc(), contactPolicy: { channelCapacity: { outbound_call: 9000 } } }), path: ['contactPolicy', 'channelCapacity', 'outbound_call'] },
];

function retype(doc: FlowDocument, id: string, type: string): FlowDocument {
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === id ? { ...n, type } : n)) };
}

describe('validateFlow', () => {
  it('finds nothing wrong with the base document', () => {
    expect(validateFlow(baseDoc())).toEqual([]);
  });

  afterEach(resetCatalogue);

  it.each(CASES)('$code', ({ code, doc, nodeId, edgeId, path }) => {
    const issues = validateFlow(doc());
    const found = issues.filter((i) => i.code === code);
    expect(found, JSON.stringify(issues, null, 1)).not.toHaveLength(0);
    const match = found.find((i) => (nodeId === undefined || i.nodeId === nodeId) && (edgeId === undefined || i.edgeId === edgeId) && (path === undefined || JSON.stringify(i.path) === JSON.stringify(path)));
    expect(match, JSON.stringify(found, null, 1)).toBeDefined();
    expect(match!.severity).toBe(ISSUE_CODES[code].severity);
    expect(match!.message.zh.length).toBeGreaterThan(0);
    expect(match!.message.en).toMatch(/[A-Za-z]/);
    // Messages name nodes by title, never by internal id (issue #17 item 8); the id is in `nodeId`.
    if (nodeId && code !== 'INVALID_ID') expect(match!.message.en).not.toMatch(new RegExp(`"${nodeId}"|「${nodeId}」`));
  });

  it('covers every graph-level code in the table', () => {
    const loadOnly: IssueCode[] = ['INVALID_JSON', 'NOT_AN_OBJECT', 'UNSUPPORTED_SCHEMA_VERSION', 'MIGRATION_FAILED', 'INVALID_DOCUMENT', 'INTERNAL_ERROR'];
    const covered = new Set([...CASES.map((c) => c.code), ...loadOnly]);
    expect(Object.keys(ISSUE_CODES).filter((c) => !covered.has(c as IssueCode))).toEqual([]);
  });

  it('reports one INVALID_NODE_DATA issue per zod issue, with its path', () => {
    const doc = withData(baseDoc(), 'pub', { ...publicitySms(), channel: 'fax', timeoutHours: 'soon' });
    const data = validateFlow(doc).filter((i) => i.code === 'INVALID_NODE_DATA');
    expect(data.map((i) => i.path)).toEqual([['channel'], ['timeoutHours']]);
  });

  it('a wait in the loop breaks the cycle', () => {
    const d = baseDoc();
    const doc = {
      ...d,
      nodes: [...d.nodes, node('pause', 'wait', { mode: 'duration', hours: 72 })],
      edges: [...d.edges.map((e) => (e.id === 'e-call-no_response' ? { ...e, target: 'pause' } : e)), edge('pause', 'out', 'pub')],
    };
    const codes = validateFlow(doc).map((i) => i.code);
    expect(codes).not.toContain('CYCLE_WITHOUT_WAIT');
    expect(codes).toContain('CONTACT_CAP_EXCEEDED'); // the loop re-contacts without bound
  });

  it('a wait until a fixed date does not break a cycle', () => {
    const d = baseDoc();
    const doc = {
      ...d,
      nodes: [...d.nodes, node('pause', 'wait', { mode: 'until_date', date: '2025-07-10' })],
      edges: [...d.edges.map((e) => (e.id === 'e-call-no_response' ? { ...e, target: 'pause' } : e)), edge('pause', 'out', 'pub')],
    };
    expect(validateFlow(doc).map((i) => i.code)).toContain('CYCLE_WITHOUT_WAIT');
  });

  it('does not cascade: a broken node yields its own issue, not dangling edges or cycles', () => {
    const codes = validateFlow(withData(baseDoc(), 'call', { nonsense: true })).map((i) => i.code);
    expect([...new Set(codes)]).toEqual(['INVALID_NODE_DATA']);
  });

  it('does not cascade from a node of unknown type into its neighbours', () => {
    const d = baseDoc();
    const doc = { ...d, nodes: d.nodes.map((n) => (n.id === 'call' ? { ...n, type: 'constructor' } : n)) };
    expect(validateFlow(doc).map((i) => `${i.code}:${i.nodeId}`)).toEqual(['UNKNOWN_NODE_TYPE:call']);
  });

  it('never throws, even on documents that bypassed the schema', () => {
    const junk = [{}, { nodes: null, edges: 3 }, docWith([{ id: 'x', type: 'wait', position: { x: 0, y: 0 }, data: null }], [])];
    for (const doc of junk) expect(() => validateFlow(doc as FlowDocument)).not.toThrow();
    expect(validateFlow({} as FlowDocument).every((i) => i.code === 'INVALID_DOCUMENT' || i.code === 'INTERNAL_ERROR')).toBe(true);
  });

  it('reports a rule that throws as INTERNAL_ERROR instead of throwing', () => {
    const data = Object.defineProperty({}, 'mode', { enumerable: true, get: () => { throw new Error('boom'); } });
    const issues = validateFlow(docWith([node('seg', 'segment'), node('w', 'wait', data)], [edge('seg', 'out', 'w')]));
    expect(issues.map((i) => i.code)).toContain('INTERNAL_ERROR');
  });
});
