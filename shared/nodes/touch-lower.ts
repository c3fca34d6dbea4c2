import type { ChannelId } from '../catalogue/channels.js';
import { failureDefault, type FailureRule, type HANDOFF_RULES, type Touch } from './touch.js';
import type { AwaitState, SendState, StateId } from '../machine/types.js';
import { awaitStateId, retryStateId, sendStateId, touchKey, type LoweringContext } from '../machine/lower/types.js';

type Handoff = (typeof HANDOFF_RULES)[number];

/** A touch of a chain, with its optional failure choice (serial touches, hybrid lanes' first touches). */
type ChainTouch = Touch & { onFailure?: FailureRule; retryChannel?: ChannelId };

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
 * At every touch an order leaves as converted. A customer who cannot be reached (or whose delivery
 * failed) follows the touch's `onFailure`, by default what its hand-off rule implies
 * ({@link failureDefault}: on_response → leave as unreachable, the timeout rules → next touch):
 * next, end (leave as unreachable), or retry once on `retryChannel` — a second send state that
 * shares the touch's script and await — then the default. The last touch leaves on every outcome.
 */
export function lowerChain(nodeId: string, touches: readonly ChainTouch[], handoffs: readonly Handoff[], exits: TouchExits, ctx: LoweringContext): (SendState | AwaitState)[] {
  return touches.flatMap((touch, i) => {
    const following = touches[i + 1];
    const next = following ? sendStateId(nodeId, following.id) : exits.unreachable;
    const rule = handoffs[i] ?? 'on_response';
    const fallbackTarget = failureDefault(rule) === 'next' ? next : exits.unreachable;
    const touchExits: TouchExits = following
      ? { converted: exits.converted, responded: rule === 'on_no_response' ? exits.responded : next, noResponse: rule === 'on_response' ? exits.noResponse : next, unreachable: fallbackTarget }
      : { ...exits };
    const choice = touch.onFailure ?? failureDefault(rule);
    if (choice === 'next') touchExits.unreachable = next;
    else if (choice === 'end') touchExits.unreachable = exits.unreachable;
    const [send, wait] = lowerTouch(nodeId, touch, touchExits, ctx);
    if (choice !== 'retry' || !touch.retryChannel) return [send, wait];
    const retry: SendState = { ...send, id: retryStateId(nodeId, touch.id), channel: touch.retryChannel, unreachable: fallbackTarget };
    return [{ ...send, unreachable: retry.id }, retry, wait];
  });
}
