import { CHANNEL_BY_ID } from '../catalogue/channels.js';
import { ORG_UNITS } from '../catalogue/org.js';
import { PRODUCT_BY_ID } from '../catalogue/products.js';
import { STAGE_LABELS, type Stage } from '../catalogue/stages.js';
import type { NodeTypeDef, ReviewLine } from '../nodes/define.js';
import { HANDOFF_LABELS } from '../nodes/touch.js';
import { nodeDef } from '../nodes/registry.js';
import { scriptText } from '../nodes/review-text.js';
import { TRIGGER_EVENT_LABELS } from '../nodes/segment/definition.js';
import { t, type Text } from '../text.js';
import { conditionGroupLabel, conditionLabel } from './condition-text.js';
import type { Condition, ConditionGroup } from './conditions.js';
import { diffFlows, parsePath } from './diff.js';
import type { FlowDocument, FlowEdge, FlowNode } from './document.js';

/** One changed setting: its name and both values, as the inspector would show them. */
export interface ReadableField { label: Text; before: Text | null; after: Text | null }
export interface ReadableItem { kind: 'added' | 'removed' | 'changed'; title: Text; fields: ReadableField[] }
/** The diff a supervisor reads: node titles, port labels and settings in words, never ids or JSON paths. */
export interface ReadableDiff { document: ReadableField[]; nodes: ReadableItem[]; edges: ReadableItem[]; moved: Text[]; empty: boolean }

const KEY_LABELS: Record<string, Text> = {
  type: t('节点类型', 'node type'), channel: t('渠道', 'channel'), stage: t('阶段', 'stage'), timeoutHours: t('响应超时', 'response timeout'),
  handoff: t('串联规则', 'hand-off rule'), onFailure: t('无法触达时', 'when unreachable'), retryChannel: t('重试渠道', 'retry channel'),
  script: t('话术', 'script'), kind: t('话术类型', 'script type'), template: t('消息内容', 'message text'), replyKeywords: t('回复关键字', 'reply keywords'),
  secondConfirmation: t('二次确认', 'second confirmation'), opening: t('开场白', 'opening'), probing: t('需求探询', 'probing'), offer: t('产品推荐', 'offer'),
  closing: t('促成结束', 'closing'), objections: t('异议处理', 'objection handling'), dispositions: t('处理结果', 'dispositions'), takesOrder: t('受理订购', 'takes orders'),
  routing: t('分流方式', 'routing'), mode: t('方式', 'mode'), hours: t('等待时长', 'wait'), label: t('名称', 'name'), test: t('判断条件', 'test'),
  metric: t('指标', 'metric'), op: t('比较方式', 'comparison'), threshold: t('阈值', 'threshold'), onFail: t('未达标时', 'when not met'), outcome: t('结果', 'outcome'),
  percent: t('比例', 'share'), conditions: t('筛选条件', 'conditions'), exclusions: t('排除', 'exclusions'), optedOut: t('排除已退订', 'exclude opted-out'),
  doNotDisturb: t('排除免打扰', 'exclude do-not-disturb'), ownsOffer: t('排除已订购', 'exclude owners of the offer'), inOtherActiveFlow: t('排除其他流程中的客户', 'exclude customers in other active flows'),
  exclusionList: t('排除名单', 'exclusion list'), controlGroupPct: t('对照组', 'control group'), entry: t('进入方式', 'entry'), reentry: t('重复进入', 're-entry'),
  name: t('流程名称', 'flow name'), description: t('说明', 'description'), productId: t('产品', 'product'), period: t('活动周期', 'period'),
  start: t('开始日期', 'start date'), end: t('结束日期', 'end date'), goal: t('活动目标', 'goal'), budget: t('预算', 'budget'), priority: t('优先级', 'priority'),
  orgUnit: t('归属单位', 'organisation unit'), reach: t('触达目标', 'reach target'), responses: t('响应目标', 'response target'), conversions: t('成功办理目标', 'converted target'),
  revenue: t('收入目标', 'revenue target'), evaluationDays: t('评估天数', 'evaluation days'), contactPolicy: t('接触策略', 'contact policy'),
  dailyCap: t('每日接触上限', 'daily contact cap'), weeklyCap: t('每周接触上限', 'weekly contact cap'), fallbackChannel: t('容量不足时改用', 'fallback channel'),
  channelCapacity: t('本流程每日渠道容量', "this flow's daily channel capacity"),
};
const ITEM_LABELS: Record<string, Text> = {
  touches: t('触点', 'Touch'), lanes: t('并行线路', 'Lane'), followUps: t('后续触点', 'Follow-up'), branches: t('分支', 'Branch'),
};
const UNITS: Record<string, Text> = {
  hours: t('小时', 'hours'), timeoutHours: t('小时', 'hours'), budget: t('元', 'CNY'), revenue: t('元', 'CNY'), controlGroupPct: t('%', '%'),
  percent: t('%', '%'), evaluationDays: t('天', 'days'), threshold: t('', ''),
};
const WORDS: Record<string, Text> = {
  message: t('短信/消息话术', 'message'), agent: t('四步话术', 'agent script'), order: t('订购', 'order'), info: t('咨询', 'info'), trial: t('体验', 'trial'),
  optout: t('退订', 'opt out'), accepted: t('接受', 'accepted'), declined: t('拒绝', 'declined'), no_answer: t('无人接听', 'no answer'), busy: t('占线', 'busy'),
  callback: t('预约回呼', 'call back'), reroute: t('改走其他分支', 'reroute'), stop: t('停止', 'stop'), converted: t('成功办理', 'converted'), responded: t('已响应', 'responded'),
  completed: t('完成', 'completed'), gte: t('≥', '≥'), lte: t('≤', '≤'), serial: t('串行', 'serial'), parallel: t('并行', 'parallel'), hybrid: t('混合', 'hybrid'),
};
/** Settings shown whole when anything inside them changes: a condition reads as one sentence, not leaf by leaf. */
const WHOLE = new Set(['conditions', 'condition', 'test', 'replyKeywords', 'objections', 'dispositions', 'entry', 'reentry', 'routing', 'channelCapacity']);

const join = (xs: Text[], zh = '、', en = ', '): Text => t(xs.map((x) => x.zh).join(zh), xs.map((x) => x.en).join(en));
const plain = (s: string): Text => t(s, s);
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A value in words, by the key it sits under: channels and stages by name, numbers with units, scripts as text. */
export function valueText(key: string, v: unknown): Text | null {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? t('是', 'yes') : t('否', 'no');
  if ((key === 'channel' || key === 'retryChannel' || key === 'fallbackChannel') && typeof v === 'string') return CHANNEL_BY_ID[v as keyof typeof CHANNEL_BY_ID]?.label ?? plain(v);
  if (key === 'stage' && typeof v === 'string') return STAGE_LABELS[v as Stage] ?? plain(v);
  if (key === 'productId' && typeof v === 'string') return PRODUCT_BY_ID[v]?.name ?? plain(v);
  if (key === 'orgUnit' && typeof v === 'string') return ORG_UNITS.find((u) => u.id === v)?.name ?? plain(v);
  if (key === 'handoff' && typeof v === 'string') return HANDOFF_LABELS[v as keyof typeof HANDOFF_LABELS] ?? plain(v);
  if (key === 'conditions' && isObj(v)) return conditionGroupLabel(v as unknown as ConditionGroup);
  if (key === 'condition' && isObj(v)) return conditionLabel(v as unknown as Condition);
  if (key === 'test' && isObj(v)) return v.kind === 'attribute' && isObj(v.condition) ? conditionLabel(v.condition as unknown as Condition) : WORDS[String(v.kind)] ?? plain(String(v.kind));
  if (key === 'entry' && isObj(v)) return v.mode === 'event' ? TRIGGER_EVENT_LABELS[v.event as keyof typeof TRIGGER_EVENT_LABELS] ?? plain(String(v.event)) : v.mode === 'daily' ? t('每日新增', 'daily') : t('发布时一次', 'once, at publish');
  if (key === 'reentry' && isObj(v)) return v.mode === 'never' ? t('不可重复进入', 'never') : t(`退出 ${String(v.cooldownDays)} 天后可再次进入`, `again ${String(v.cooldownDays)} days after leaving`);
  if (key === 'replyKeywords' && Array.isArray(v)) return join(v.filter(isObj).map((k) => t(`回复 ${String(k.keyword)} → ${(WORDS[String(k.action)] ?? plain(String(k.action))).zh}`, `reply ${String(k.keyword)} → ${(WORDS[String(k.action)] ?? plain(String(k.action))).en}`)), '；', '; ');
  if (key === 'objections' && Array.isArray(v)) return join(v.filter(isObj).map((o) => t(`「${String(o.objection)}」→「${String(o.answer)}」`, `"${String(o.objection)}" → "${String(o.answer)}"`)), '；', '; ');
  if (key === 'channelCapacity' && isObj(v)) return join(Object.entries(v).map(([c, n]) => { const l = valueText('channel', c)!; return t(`${l.zh} ${String(n)}`, `${l.en} ${String(n)}`); }));
  if (key === 'routing' && isObj(v)) return t(String(v.mode ?? ''), String(v.mode ?? ''));
  if (typeof v === 'number') { const u = UNITS[key]; return u?.zh ? t(`${v} ${u.zh}`, `${v} ${u.en}`) : plain(String(v)); }
  if (typeof v === 'string') return WORDS[v] && (key === 'kind' || key === 'action' || key === 'onFail' || key === 'outcome' || key === 'op' || key === 'mode') ? WORDS[v] : plain(v);
  if (Array.isArray(v)) return join(v.map((x) => valueText(key, x) ?? plain('—')));
  if (isObj(v)) return objectText(v);
  return plain(String(v));
}

/** An added or removed item (a touch, a lane, a branch) as its settings in words. */
function objectText(o: Record<string, unknown>): Text {
  const parts = Object.entries(o).filter(([k]) => k !== 'id' && KEY_LABELS[k]).map(([k, v]) => {
    const label = KEY_LABELS[k]!;
    const text = isObj(v) && k === 'script' ? scriptText(v) : valueText(k, v) ?? plain('—');
    return t(`${label.zh}：${text.zh}`, `${label.en}: ${text.en}`);
  });
  return join(parts, '；', '; ');
}

/**
 * A path inside a node or the document in words: 「第 2 个触点 · 消息内容」 / "Touch 2 · message text".
 * `own`: the node type's labels for its fields (its definition's `form.fields`), used before the common ones.
 */
export function pathText(path: readonly (string | number)[], own?: Record<string, Text>): Text {
  const parts: Text[] = [];
  path.forEach((p, i) => {
    const prev = path[i - 1];
    if (typeof p === 'number') {
      const item = typeof prev === 'string' ? ITEM_LABELS[prev] : undefined;
      if (item) parts.push(t(`第 ${p + 1} 个${item.zh}`, `${item.en} ${p + 1}`));
      return;
    }
    if (prev === 'channelCapacity') { parts.push(valueText('channel', p)!); return; }
    if (ITEM_LABELS[p] && typeof path[i + 1] === 'number') return;
    const label = (own && Object.hasOwn(own, p) ? own[p] : undefined) ?? KEY_LABELS[p];
    if (label) parts.push(label);
  });
  return join(parts, ' · ', ' · ');
}

const at = (root: unknown, path: readonly (string | number)[]): unknown =>
  path.reduce<unknown>((v, k) => (v === null || typeof v !== 'object' ? undefined : (v as Record<string | number, unknown>)[k]), root);

/**
 * Leaf changes regrouped into settings a user recognises, each with its values in words; a node's own
 * `form` labels its fields and enum options before the common words do.
 */
function readableFields(paths: string[], before: unknown, after: unknown, form?: NodeTypeDef['form']): ReadableField[] {
  const seen = new Map<string, (string | number)[]>();
  for (const p of paths) {
    let parts = parsePath(p);
    const cut = parts.findIndex((x) => typeof x === 'string' && WHOLE.has(x));
    if (cut >= 0) parts = parts.slice(0, cut + 1);
    seen.set(JSON.stringify(parts), parts);
  }
  return [...seen.values()].map((parts) => {
    const key = [...parts].reverse().find((x): x is string => typeof x === 'string') ?? '';
    const last = parts[parts.length - 1];
    const b = at(before, parts);
    const a = at(after, parts);
    const label = pathText(parts, form?.fields);
    const options = form?.options?.[key];
    // An item added to or removed from a list is named by the list's item (第 2 个触点).
    const fmt = (v: unknown) => (typeof last === 'number' && isObj(v) ? objectText(v) : typeof v === 'string' && options && Object.hasOwn(options, v) ? options[v]! : valueText(key, v));
    return { label: label.zh ? label : plain(parts.join('.')), before: fmt(b), after: fmt(a) };
  });
}

/** What the user calls each node: its type's label, numbered when the flows have several of that type. */
function titles(nodes: FlowNode[]): Map<string, Text> {
  const total = new Map<string, number>();
  for (const n of nodes) total.set(n.type, (total.get(n.type) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out = new Map<string, Text>();
  for (const n of nodes) {
    const k = (seen.get(n.type) ?? 0) + 1;
    seen.set(n.type, k);
    const label = nodeDef(n.type)?.label ?? t('未知节点', 'Unknown node');
    out.set(n.id, total.get(n.type)! > 1 ? t(`${label.zh} ${k}`, `${label.en} ${k}`) : label);
  }
  return out;
}

function portLabel(node: FlowNode | undefined, handle: string): Text {
  const def = node ? nodeDef(node.type) : undefined;
  try {
    return def?.outputs(node!.data).find((p) => p.id === handle)?.label ?? plain(handle);
  } catch {
    return plain(handle); // data that does not parse: the handle is all we know
  }
}

/**
 * The structural diff (`diffFlows`) in the reviewer's words, both languages at once so the server
 * computes it once: nodes by title, edges as 「话术步骤」的「已响应」→「等待」, settings with old → new.
 */
export function readableDiff(before: FlowDocument | null, after: FlowDocument): ReadableDiff {
  const d = diffFlows(before, after);
  const all = [...after.nodes, ...(before?.nodes ?? []).filter((n) => !after.nodes.some((x) => x.id === n.id))];
  const title = titles(all);
  const nodeOf = new Map(all.map((n) => [n.id, n]));
  const beforeNode = new Map((before?.nodes ?? []).map((n) => [n.id, n]));
  const name = (id: string) => title.get(id) ?? plain(id);

  const nodeFields = (n: FlowNode, old: FlowNode | undefined, paths: string[]): ReadableField[] => {
    if (old && old.type !== n.type) return [{ label: KEY_LABELS.type!, before: nodeDef(old.type)?.label ?? plain(old.type), after: nodeDef(n.type)?.label ?? plain(n.type) }];
    const def = nodeDef(n.type);
    const whole = def?.review?.asSummary;
    if (whole) return [{ label: whole, before: old ? summaryText(old) : null, after: summaryText(n) }];
    return readableFields(paths.map((p) => p.replace(/^data\.?/, '')), old?.data, n.data, def?.form);
  };
  const nodes: ReadableItem[] = [
    ...d.nodes.added.map((n): ReadableItem => ({ kind: 'added', title: name(n.id), fields: contentFields(n).map((f) => ({ label: f.label, before: null, after: f.value })) })),
    ...d.nodes.removed.map((n): ReadableItem => ({ kind: 'removed', title: name(n.id), fields: contentFields(n).map((f) => ({ label: f.label, before: f.value, after: null })) })),
    ...d.nodes.changed.map((c): ReadableItem => ({ kind: 'changed', title: name(c.id), fields: nodeFields(nodeOf.get(c.id)!, beforeNode.get(c.id), c.fields.map((f) => f.path)) })),
  ];

  const edgeText = (e: FlowEdge, from: Map<string, FlowNode>): Text => {
    const s = name(e.source);
    const p = portLabel(from.get(e.source) ?? nodeOf.get(e.source), e.sourceHandle);
    const to = name(e.target);
    return t(`${s.zh}「${p.zh}」→ ${to.zh}`, `${s.en} "${p.en}" → ${to.en}`);
  };
  const afterNode = new Map(after.nodes.map((n) => [n.id, n]));
  const beforeEdges = new Map((before?.edges ?? []).map((e) => [e.id, e]));
  const edges: ReadableItem[] = [
    ...d.edges.added.map((e): ReadableItem => ({ kind: 'added', title: edgeText(e, afterNode), fields: [] })),
    ...d.edges.removed.map((e): ReadableItem => ({ kind: 'removed', title: edgeText(e, beforeNode), fields: [] })),
    ...d.edges.changed.map((c): ReadableItem => {
      const now = after.edges.find((e) => e.id === c.id)!;
      return { kind: 'changed', title: edgeText(now, afterNode), fields: [{ label: t('连线', 'connection'), before: edgeText(beforeEdges.get(c.id)!, beforeNode), after: edgeText(now, afterNode) }] };
    }),
  ];

  const document = readableFields(d.document.map((f) => f.path), before, after);
  return { document, nodes, edges, moved: d.nodes.moved.map(name), empty: d.empty };
}

/** What an added or removed node does: its summary, plus what its type says a reviewer must read (conditions, texts). */
function contentFields(n: FlowNode): ReviewLine[] {
  const out = [{ label: t('设置', 'settings'), value: summaryText(n) }];
  const def = nodeDef(n.type);
  const parsed = def?.review?.content ? def.data.safeParse(n.data) : undefined;
  if (parsed?.success) out.push(...def!.review!.content!(parsed.data));
  const data = isObj(n.data) ? n.data : {};
  for (const list of ['touches', 'lanes'] as const) {
    const items = data[list];
    if (Array.isArray(items)) items.forEach((x, i) => { if (isObj(x)) out.push({ label: pathText([list, i]), value: objectText(x) }); });
  }
  return out;
}

/** A node's one-line summary from the registry, in both languages (a dash when its data does not parse). */
function summaryText(n: FlowNode): Text {
  const def = nodeDef(n.type);
  const parsed = def?.data.safeParse(n.data);
  return parsed?.success ? t(def!.summary(parsed.data, 'zh'), def!.summary(parsed.data, 'en')) : plain('—');
}
