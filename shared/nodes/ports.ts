import { t } from '../text.js';
import type { PortDef } from './define.js';

/** The outcome ports every touch (script step, linkage) exposes. */
export const TOUCH_OUTPUTS: PortDef[] = [
  { id: 'converted', label: t('成功办理', 'Converted'), required: true },
  { id: 'responded', label: t('已响应', 'Responded'), required: true },
  { id: 'no_response', label: t('未响应', 'No response'), required: true },
  { id: 'unreachable', label: t('无法触达', 'Unreachable'), required: false },
];

export const OUT_PORT: PortDef = { id: 'out', label: t('下一步', 'Next'), required: true };
