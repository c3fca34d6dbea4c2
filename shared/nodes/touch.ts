import { z } from 'zod';
import { channelIdSchema } from '../catalogue/channels.js';
import { stageSchema } from '../catalogue/stages.js';
import { scriptSchema } from '../flow/script.js';
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

export const serialTouchSchema = touchSchema.extend({ handoff: z.enum(HANDOFF_RULES) });
export type SerialTouch = z.infer<typeof serialTouchSchema>;
