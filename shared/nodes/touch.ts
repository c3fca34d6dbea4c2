import { z } from 'zod';
import { channelIdSchema } from '../catalogue/channels.js';
import { stageSchema } from '../catalogue/stages.js';
import { defaultAgentScript, scriptSchema } from '../flow/script.js';
import { t } from '../text.js';

/** How a serial chain hands a customer to the next touch. */
export const HANDOFF_RULES = ['on_response', 'after_timeout', 'on_no_response'] as const;
export const HANDOFF_LABELS = {
  on_response: t('响应后转下一步', 'Advance on response'),
  after_timeout: t('超时后转下一步', 'Advance after timeout'),
  on_no_response: t('未响应转下一步', 'Advance on no response'),
} as const;

/** One contact on one channel: the unit shared by script steps, serial touches and parallel lanes. */
export const touchSchema = z.object({
  id: z.string().min(1),
  channel: channelIdSchema,
  stage: stageSchema,
  script: scriptSchema,
  /** How long to wait for a response before the touch counts as unanswered. */
  timeoutHours: z.number(),
});
export type Touch = z.infer<typeof touchSchema>;

/**
 * What a touch does when the customer cannot be reached on its channel or the delivery fails:
 * - next: go on to the next touch (after the last: leave as unreachable);
 * - end: leave the linkage as unreachable;
 * - retry: try once more on `retryChannel`, then do what the hand-off rule implies.
 * Absent = what the hand-off rule implies ({@link failureDefault}).
 */
export const FAILURE_RULES = ['next', 'end', 'retry'] as const;
export type FailureRule = (typeof FAILURE_RULES)[number];
export const FAILURE_LABELS = {
  next: t('跳到下一步', 'Skip to the next touch'),
  end: t('结束（记为无法触达）', 'End as unreachable'),
  retry: t('换渠道重试', 'Retry on another channel'),
} as const;

/**
 * The failure rule a hand-off rule implies: "advance on response" must not hand a customer who was
 * never reached (so never responded) to the next touch; the two timeout rules advance anyway.
 */
export const failureDefault = (handoff: (typeof HANDOFF_RULES)[number] | undefined): Exclude<FailureRule, 'retry'> =>
  (handoff ?? 'on_response') === 'on_response' ? 'end' : 'next';

/** The failure choice of a touch that hands over to another. */
export const failureFields = {
  onFailure: z.enum(FAILURE_RULES).optional(),
  /** The channel of the retry (onFailure = retry). */
  retryChannel: channelIdSchema.optional(),
};

export const serialTouchSchema = touchSchema.extend({ handoff: z.enum(HANDOFF_RULES), ...failureFields });
export type SerialTouch = z.infer<typeof serialTouchSchema>;

/** Sample touches for the property-test generators of the touch node types. */
export const sampleTouches = {
  publicitySms: (id: string): Touch => ({
    id, channel: 'sms_hall', stage: 'publicity', timeoutHours: 48,
    script: { kind: 'message', template: '尊敬的{name}，{product}上线，回复1了解。', replyKeywords: [{ keyword: '1', action: 'info' }], secondConfirmation: false },
  }),
  salesCall: (id: string): Touch => ({ id, channel: 'outbound_call', stage: 'sales', timeoutHours: 24, script: defaultAgentScript() }),
};
