import { t, type Text } from '../../text.js';

/**
 * How a field inside a node's data or a flow document is named to a user: the inspector's labels,
 * not the data's keys. `['touches', 2, 'stage']` reads 「第 3 个触点 · 阶段」 / "Touch 3 · stage",
 * never `touches[2].stage`. A key missing here is shown as the nearest labelled part of the path.
 */
const KEY_LABELS: Record<string, Text> = {
  // Touches and scripts
  channel: t('渠道', 'channel'),
  stage: t('阶段', 'stage'),
  timeoutHours: t('响应超时（小时）', 'response timeout (hours)'),
  handoff: t('串联规则', 'hand-off rule'),
  script: t('话术', 'script'),
  kind: t('话术类型', 'script type'),
  template: t('消息内容', 'message text'),
  replyKeywords: t('回复关键字', 'reply keywords'),
  keyword: t('关键字', 'keyword'),
  action: t('动作', 'action'),
  secondConfirmation: t('二次确认', 'second confirmation'),
  opening: t('开场白', 'opening'),
  probing: t('需求探询', 'probing'),
  offer: t('产品推荐', 'offer'),
  closing: t('促成结束', 'closing'),
  objections: t('异议处理', 'objection handling'),
  objection: t('客户异议', 'objection'),
  answer: t('应答', 'answer'),
  dispositions: t('处理结果', 'dispositions'),
  takesOrder: t('受理订购', 'takes orders'),
  rule: t('分流规则', 'routing rule'),
  routing: t('分流方式', 'routing'),
  mode: t('方式', 'mode'),
  // Waits, splits, evaluations, ends
  hours: t('等待时长（小时）', 'wait (hours)'),
  time: t('时间', 'time of day'),
  date: t('日期', 'date'),
  event: t('事件', 'event'),
  percent: t('比例', 'share'),
  label: t('名称', 'name'),
  test: t('判断条件', 'test'),
  metric: t('指标', 'metric'),
  op: t('比较方式', 'comparison'),
  threshold: t('阈值', 'threshold'),
  onFail: t('未达标时', 'when not met'),
  outcome: t('结果', 'outcome'),
  // Segments and conditions
  conditions: t('筛选条件', 'conditions'),
  rules: t('条件', 'conditions'),
  groups: t('条件组', 'condition groups'),
  field: t('客户字段', 'field'),
  value: t('取值', 'value'),
  exclusions: t('排除', 'exclusions'),
  exclusionList: t('排除名单', 'exclusion list'),
  entry: t('进入方式', 'entry'),
  cooldownDays: t('冷却天数', 'cool-down days'),
  // The document
  name: t('流程名称', 'flow name'),
  description: t('说明', 'description'),
  productId: t('产品', 'product'),
  period: t('活动周期', 'period'),
  start: t('开始日期', 'start date'),
  end: t('结束日期', 'end date'),
  goal: t('活动目标', 'goal'),
  budget: t('预算', 'budget'),
  priority: t('优先级', 'priority'),
  orgUnit: t('归属单位', 'organisation unit'),
  reach: t('触达目标', 'reach target'),
  responses: t('响应目标', 'response target'),
  conversions: t('成功办理目标', 'converted target'),
  revenue: t('收入目标', 'revenue target'),
  evaluationDays: t('评估天数', 'evaluation days'),
};

/** Arrays whose items are named by position: `touches[2]` → 第 3 个触点 / touch 3. */
const ITEM_LABELS: Record<string, { zh: string; en: string }> = {
  touches: { zh: '个触点', en: 'Touch' },
  lanes: { zh: '条并行线路', en: 'Lane' },
  followUps: { zh: '个后续触点', en: 'Follow-up' },
  branches: { zh: '个分支', en: 'Branch' },
  replyKeywords: { zh: '个回复关键字', en: 'Reply keyword' },
  objections: { zh: '条异议处理', en: 'Objection' },
  rules: { zh: '个条件', en: 'Condition' },
  groups: { zh: '个条件组', en: 'Condition group' },
  nodes: { zh: '个节点', en: 'Node' },
  edges: { zh: '条连线', en: 'Edge' },
};

/**
 * The parts of a path as words, e.g. 「第 3 个触点」「阶段」; empty for an empty path. `own`: the node
 * type's labels for its fields (its definition's `form.fields`), used before the common ones.
 */
export function pathParts(path: readonly (string | number)[], own?: Record<string, Text>): Text[] {
  const parts: Text[] = [];
  path.forEach((p, i) => {
    const prev = path[i - 1];
    if (typeof p === 'number') {
      const item = typeof prev === 'string' ? ITEM_LABELS[prev] : undefined;
      parts.push(item ? t(`第 ${p + 1} ${item.zh}`, `${item.en} ${p + 1}`) : t(`第 ${p + 1} 项`, `item ${p + 1}`));
      return;
    }
    // A list followed by an index is named by its item (「第 2 个回复关键字」), not twice.
    if (ITEM_LABELS[p] && typeof path[i + 1] === 'number') return;
    const label = (own && Object.hasOwn(own, p) ? own[p] : undefined) ?? KEY_LABELS[p];
    if (label) parts.push(label);
  });
  return parts;
}

/** `第 3 个触点 · 阶段` / `Touch 3 · stage`; empty for an empty path. */
export function pathLabel(path: readonly (string | number)[], own?: Record<string, Text>): Text {
  const parts = pathParts(path, own);
  return t(parts.map((x) => x.zh).join(' · '), parts.map((x) => x.en).join(' · '));
}
