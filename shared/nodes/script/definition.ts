import { CHANNEL_BY_ID } from '../../catalogue/channels.js';
import { STAGE_LABELS } from '../../catalogue/stages.js';
import { defaultMessageScript } from '../../flow/script.js';
import { t } from '../../text.js';
import { defineNodeType } from '../define.js';
import { scriptText } from '../review-text.js';
import { TOUCH_OUTPUTS } from '../ports.js';
import { sampleTouches, touchSchema, type Touch } from '../touch.js';
import { scriptStepLowering } from './lower.js';

export const scriptStepDataSchema = touchSchema;
export type ScriptStepData = Touch;

/** A single touch with its content: a message template, or a four-step agent script. */
export const scriptStepNode = defineNodeType({
  type: 'script',
  label: t('话术步骤', 'Script step'),
  description: t('在一个渠道上按话术触达客户', 'Contact the customer on one channel with a script'),
  icon: 'MessageSquareText',
  category: 'content',
  hasInput: true,
  data: scriptStepDataSchema,
  defaults: scriptStepDefaults,
  outputs: () => TOUCH_OUTPUTS,
  lower: scriptStepLowering,
  generate: (pick): ScriptStepData => [scriptStepDefaults, () => sampleTouches.publicitySms('s'), () => sampleTouches.salesCall('s')][pick(3)]!(),
  touches: (d) => [[{ touch: d, path: [] }]],
  review: { content: (d) => [{ label: t('话术', 'script'), value: scriptText(d.script) }] },
  stages: (d) => [d.stage],
  channels: (d) => [d.channel],
  summary: (d, lang) => `${CHANNEL_BY_ID[d.channel]?.label[lang] ?? d.channel} · ${STAGE_LABELS[d.stage][lang]} · ${d.script.kind === 'message' ? (lang === 'zh' ? '短信话术' : 'message') : (lang === 'zh' ? '四步话术' : 'agent script')}`,
});

function scriptStepDefaults(): ScriptStepData {
  return { id: 's1', channel: 'sms_hall', stage: 'sales', script: defaultMessageScript(), timeoutHours: 48 };
}
