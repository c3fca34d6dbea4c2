import { describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../flow/document.js';
import { baseDoc, publicitySms, salesCall, withData } from '../../flow/testing/build.js';
import { compileFlow } from '../compile.js';
import { stateTargets } from '../targets.js';
import type { Machine } from '../types.js';

/** The base document with its `pub` node turned into a linkage holding `data`. */
function linkageDoc(data: unknown): FlowDocument {
  const doc = withData(baseDoc(), 'pub', data);
  return { ...doc, nodes: doc.nodes.map((n) => (n.id === 'pub' ? { ...n, type: 'linkage' } : n)) };
}

function compiled(data: unknown): Machine {
  const r = compileFlow(linkageDoc(data));
  if (!r.ok) throw new Error(JSON.stringify(r.issues, null, 1));
  for (const s of Object.values(r.machine.states)) for (const t of stateTargets(s)) expect(r.machine.states[t], `${s.id} → ${t}`).toBeDefined();
  return r.machine;
}

const serial = (handoff: string, extra: Record<string, unknown> = {}) => ({
  mode: 'serial',
  touches: [{ ...publicitySms('a'), handoff, ...extra }, { ...salesCall('b'), handoff: 'on_response' }],
});

describe('per-touch failure rule (unreachable or failed delivery)', () => {
  it('defaults to what the hand-off rule implies: on_response ends as unreachable, the timeout rules go on', () => {
    expect(compiled(serial('on_response')).states['pub.a.send']).toMatchObject({ unreachable: 'pub.unreachable' });
    expect(compiled(serial('after_timeout')).states['pub.a.send']).toMatchObject({ unreachable: 'pub.b.send' });
    expect(compiled(serial('on_no_response')).states['pub.a.send']).toMatchObject({ unreachable: 'pub.b.send' });
  });

  it('an explicit "skip to next" or "end" overrides the default', () => {
    expect(compiled(serial('on_response', { onFailure: 'next' })).states['pub.a.send']).toMatchObject({ unreachable: 'pub.b.send' });
    expect(compiled(serial('after_timeout', { onFailure: 'end' })).states['pub.a.send']).toMatchObject({ unreachable: 'pub.unreachable' });
  });

  it('"retry on another channel" adds a second send on that channel sharing the touch\'s script and await', () => {
    const m = compiled(serial('on_response', { onFailure: 'retry', retryChannel: 'wechat' }));
    expect(m.states['pub.a.send']).toMatchObject({ channel: 'sms_hall', unreachable: 'pub.a.retry' });
    expect(m.states['pub.a.retry']).toMatchObject({ kind: 'send', channel: 'wechat', stage: 'publicity', script: 'pub.a', next: 'pub.a.await', unreachable: 'pub.unreachable' });
    const after = compiled(serial('after_timeout', { onFailure: 'retry', retryChannel: 'wechat' }));
    expect(after.states['pub.a.retry']).toMatchObject({ unreachable: 'pub.b.send' });
  });

  it('the last touch always leaves as unreachable, whatever its rule', () => {
    const m = compiled({ mode: 'serial', touches: [{ ...publicitySms('a'), handoff: 'after_timeout' }, { ...salesCall('b'), handoff: 'after_timeout', onFailure: 'next' }] });
    expect(m.states['pub.b.send']).toMatchObject({ unreachable: 'pub.unreachable' });
  });

  it('applies to a hybrid lane\'s first touch and to its follow-ups', () => {
    const lane = { ...publicitySms('l1'), followUps: [{ ...publicitySms('f1'), handoff: 'on_response' }, { ...salesCall('f2'), handoff: 'on_response' }] };
    const m = compiled({ mode: 'hybrid', routing: 'fit', lanes: [lane] });
    expect(m.states['pub.l1.send']).toMatchObject({ unreachable: 'pub.unreachable' });
    expect(m.states['pub.f1.send']).toMatchObject({ unreachable: 'pub.unreachable' });
    const skip = compiled({ mode: 'hybrid', routing: 'fit', lanes: [{ ...lane, onFailure: 'next' }] });
    expect(skip.states['pub.l1.send']).toMatchObject({ unreachable: 'pub.f1.send' });
  });
});
