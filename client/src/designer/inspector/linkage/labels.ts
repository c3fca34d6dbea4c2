import { t } from '../../../../../shared/text.js';

/** Words of the linkage editor's failure rule and capacity share (bilingual, picked with `useLang`). */
export const L = {
  onFailure: t('无法触达或发送失败时', 'When unreachable or delivery fails'),
  byHandoff: (effective: string) => t(`按交接规则：${effective}`, `As the hand-off rule says: ${effective}`),
  failureHint: t('“响应后转下一步”不会把从未触达（因此从未响应）的客户交给下一步', '"Advance on response" never hands a customer who was not reached (so never responded) to the next touch'),
  retryChannel: t('重试渠道', 'Retry channel'),
  retryNone: t('请选择渠道', 'Choose a channel'),
  capacityTitle: t('本流程每日渠道容量', "This flow's daily channel capacity"),
  capacityHint: t('本流程每天最多可用的渠道容量（占渠道日容量的份额），留空为不单独限制', "How much of each channel's daily capacity this flow may use per day; leave empty for no share of its own"),
  capacityOf: (capacity: string) => t(`/ 渠道日容量 ${capacity}`, `/ channel capacity ${capacity}`),
  noLimit: t('不限', 'no limit'),
};
