import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../document.js';
import { parseFlowDocument } from '../migrations.js';
import { baseDoc, publicitySms, salesCall, withData } from '../testing/build.js';
import { validateFlow } from '../validate.js';

const withPolicy = (channelCapacity: Record<string, number>): FlowDocument => ({ ...baseDoc(), contactPolicy: { channelCapacity } });
const codes = (doc: FlowDocument, code: string) => validateFlow(doc).filter((i) => i.code === code);

describe('a flow\'s share of channel capacity', () => {
  it('accepts a whole number up to the catalogue capacity (500 of the call centre\'s 8,000; all of it; none)', () => {
    for (const share of [500, 8000, 0]) expect(codes(withPolicy({ outbound_call: share }), 'CAPACITY_SHARE_INVALID')).toEqual([]);
  });

  it.each([
    [8001, '8001 超过该渠道的日容量 8,000', "8001 is above the channel's daily capacity of 8,000"],
    [-1, '不能为负数（-1）', 'cannot be negative (-1)'],
    [12.5, '应为整数，实际为 12.5', 'must be a whole number, got 12.5'],
  ])('refuses %s with an error on the field, in zh and en', (share, zh, en) => {
    const [found, ...more] = codes(withPolicy({ outbound_call: share }), 'CAPACITY_SHARE_INVALID');
    expect(more).toEqual([]);
    expect(found).toMatchObject({ severity: 'error', path: ['contactPolicy', 'channelCapacity', 'outbound_call'] });
    expect(found!.message.zh).toBe(`本流程每日渠道容量 · 外呼中心：${zh}`);
    expect(found!.message.en).toBe(`This flow's daily channel capacity · Outbound call centre: ${en}`);
  });

  it('an unknown channel id is a document error, with its path', () => {
    const r = parseFlowDocument({ ...baseDoc(), contactPolicy: { channelCapacity: { call_centre: 500 } } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ code: 'INVALID_DOCUMENT', path: ['contactPolicy', 'channelCapacity'] });
  });
});

describe('a touch\'s failure rule "retry on another channel"', () => {
  const serial = (extra: Record<string, unknown>) => ({
    ...withData(baseDoc(), 'pub', { mode: 'serial', touches: [{ ...publicitySms('a'), handoff: 'on_response', ...extra }, { ...salesCall('b'), handoff: 'on_response' }] }),
  });
  const linkage = (extra: Record<string, unknown>): FlowDocument => {
    const doc = serial(extra);
    return { ...doc, nodes: doc.nodes.map((n) => (n.id === 'pub' ? { ...n, type: 'linkage' } : n)) };
  };

  it('is valid with a channel of the same kind that serves the stage', () => {
    expect(codes(linkage({ onFailure: 'retry', retryChannel: 'wechat' }), 'RETRY_CHANNEL_INVALID')).toEqual([]);
    expect(codes(linkage({ onFailure: 'end' }), 'RETRY_CHANNEL_INVALID')).toEqual([]);
  });

  it.each([
    [{}, 'names no retry channel'],
    [{ retryChannel: 'sms_hall' }, "the touch's own channel"],
    [{ retryChannel: 'kiosk' }, 'cannot serve the Publicity stage'],
    [{ retryChannel: 'outbound_call' }, 'take different scripts'],
  ])('refuses %o on the node\'s field', (extra, en) => {
    const [found, ...more] = codes(linkage({ onFailure: 'retry', ...extra }), 'RETRY_CHANNEL_INVALID');
    expect(more).toEqual([]);
    expect(found).toMatchObject({ severity: 'error', nodeId: 'pub', path: ['touches', 0, 'retryChannel'] });
    expect(found!.message.en).toContain(en);
    expect(found!.message.zh.length).toBeGreaterThan(0);
  });
});
