import type { HANDOFF_RULES, Touch } from '../../nodes/touch.js';
import type { AwaitState, SendState, StateId } from '../types.js';
import { awaitStateId, sendStateId, touchKey, type LoweringContext } from './types.js';

type Handoff = (typeof HANDOFF_RULES)[number];

/** Where each outcome of one touch leads. */
export interface TouchExits {
  converted: StateId;
  responded: StateId;
  noResponse: StateId;
  unreachable: StateId;
}

/**
 * One touch = a `send` state then an `await` state. The send goes to the await once the channel
 * accepted the contact, or straight to `unreachable` when the customer cannot be reached on it.
 * The await maps `order` → converted and `response` → responded; its timeout → no response.
 */
export function lowerTouch(nodeId: string, touch: Touch, exits: TouchExits, ctx: LoweringContext): [SendState, AwaitState] {
  const key = touchKey(nodeId, touch.id);
  ctx.addScript(key, touch.script);
  const send: SendState = {
    id: sendStateId(nodeId, touch.id),
    node: nodeId,
    kind: 'send',
    touch: touch.id,
    channel: touch.channel,
    stage: touch.stage,
    script: key,
    next: awaitStateId(nodeId, touch.id),
    unreachable: exits.unreachable,
  };
  const wait: AwaitState = {
    id: awaitStateId(nodeId, touch.id),
    node: nodeId,
    kind: 'await',
    timeoutHours: touch.timeoutHours,
    on: { order: exits.converted, response: exits.responded },
    timeout: exits.noResponse,
  };
  return [send, wait];
}

/** The node's own outcome ports, as exits. */
export const nodeExits = (ctx: LoweringContext): TouchExits => ({
  converted: ctx.exit('converted'),
  responded: ctx.exit('responded'),
  noResponse: ctx.exit('no_response'),
  unreachable: ctx.exit('unreachable'),
});

/**
 * A serial chain of touches; `handoffs[i]` says how touch i hands over to touch i+1:
 * - on_response: response → next touch; timeout → leave as no_response;
 * - on_no_response: timeout → next touch; response → leave as responded;
 * - after_timeout: response and timeout both → next touch (the engine still flags the response).
 * At every touch an order leaves as converted, and an unreachable customer moves on to the next
 * touch (or leaves as unreachable after the last). The last touch leaves on every outcome.
 */
export function lowerChain(nodeId: string, touches: readonly Touch[], handoffs: readonly Handoff[], exits: TouchExits, ctx: LoweringContext) {
  return touches.flatMap((touch, i) => {
    const following = touches[i + 1];
    if (!following) return lowerTouch(nodeId, touch, exits, ctx);
    const next = sendStateId(nodeId, following.id);
    const rule = handoffs[i] ?? 'on_response';
    return lowerTouch(nodeId, touch, {
      converted: exits.converted,
      responded: rule === 'on_no_response' ? exits.responded : next,
      noResponse: rule === 'on_response' ? exits.noResponse : next,
      unreachable: next,
    }, ctx);
  });
}
