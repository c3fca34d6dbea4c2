import { CHANNEL_BY_ID, type ChannelId } from '../../shared/catalogue/channels.js';
import { GROUP_LABELS, type GroupId } from '../../shared/catalogue/groups.js';
import { STAGE_LABELS, type Stage } from '../../shared/catalogue/stages.js';
import { t, type Lang, type Text } from '../../shared/text.js';
import type { EvaluationReport } from './report.js';

/**
 * One CSV field: quoted when it holds a comma, quote or line break. Text starting with any formula
 * prefix OWASP lists (= + - @ tab CR) gets a leading ' so a spreadsheet shows it instead of running it.
 */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Math.round(v * 10000) / 10000) : '';
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (cells: (string | number | null)[]): string => cells.map(csvField).join(',');

const H = {
  report: t('活动评估报告', 'Evaluation report'),
  flow: t('流程', 'Flow'), version: t('版本', 'Version'), run: t('运行', 'Run'), status: t('状态', 'Status'), period: t('周期', 'Period'),
  kpi: t('指标', 'Metric'), value: t('实际', 'Actual'), goal: t('目标', 'Goal'), attainment: t('达成率', 'Attainment'),
  enrolled: t('入组客户', 'Enrolled'), control: t('对照组', 'Control group'), treated: t('营销组', 'Treated'),
  contactRate: t('接触率', 'Contact rate'), responseRate: t('响应率', 'Response rate'), conversionRate: t('成功率', 'Conversion rate'),
  reach: t('触达客户', 'Reached'), responses: t('响应', 'Responses'), conversions: t('成功办理', 'Conversions'),
  cost: t('成本(元)', 'Cost (CNY)'), revenue: t('收入(元)', 'Revenue (CNY)'), roi: t('投入产出比', 'ROI'),
  controlRate: t('对照组成功率', 'Control conversion rate'), lift: t('提升', 'Lift over control'),
  byStage: t('按阶段', 'By stage'), byChannel: t('按渠道', 'By channel'), byGroup: t('按客户群', 'By customer group'), byNode: t('按节点', 'By node'),
  stage: t('阶段', 'Stage'), channel: t('渠道', 'Channel'), group: t('客户群', 'Customer group'), node: t('节点', 'Node'),
  contacts: t('接触次数', 'Contacts'), delivered: t('送达', 'Delivered'), contacted: t('已接触客户', 'Contacted'), responded: t('响应客户', 'Responded'),
  converted: t('成功客户', 'Converted'),
  grants: t('权益发放', 'Benefits granted'), granted: t('已发放', 'Granted'), grantFailed: t('发放失败', 'Failed'), alreadyHeld: t('已持有', 'Already held'),
} satisfies Record<string, Text>;

/** The report as CSV (UTF-8 with BOM so spreadsheet software reads the Chinese), one section per breakdown. */
export function reportCsv(r: EvaluationReport, lang: Lang): string {
  const h = (k: keyof typeof H) => H[k][lang];
  const e = r.metrics.evaluation;
  const out: string[] = [];
  out.push(line([h('report')]));
  out.push(line([h('flow'), r.run.name]), line([h('run'), r.run.id]), line([h('version'), r.run.version]), line([h('status'), r.run.status]), line([h('period'), `${r.run.period.start} ~ ${r.run.period.end}`]));
  out.push('', line([h('kpi'), h('value'), h('goal'), h('attainment')]));
  out.push(
    line([h('enrolled'), r.metrics.enrolled, null, null]),
    line([h('control'), r.metrics.control, null, null]),
    line([h('treated'), r.treated, null, null]),
    line([h('contactRate'), e.contactRate, null, null]),
    line([h('responseRate'), e.responseRate, null, null]),
    line([h('conversionRate'), e.conversionRate, null, null]),
    line([h('responses'), r.metrics.responses, e.goal.responses, e.attainment.responses]),
    line([h('conversions'), r.metrics.conversions, e.goal.conversions, e.attainment.conversions]),
    line([h('cost'), e.cost, e.goal.budget, null]),
    line([h('revenue'), r.metrics.revenue, e.goal.revenue, e.attainment.revenue]),
    line([h('roi'), e.roi, null, null]),
    line([h('controlRate'), e.controlConversionRate, null, null]),
    line([h('lift'), e.lift, null, null]),
  );
  const cols = [h('contacts'), h('delivered'), h('responses'), h('conversions'), h('cost'), h('revenue'), h('responseRate'), h('conversionRate'), h('roi')];
  out.push('', line([h('byStage')]), line([h('stage'), ...cols]));
  for (const s of r.byStage) out.push(line([STAGE_LABELS[s.key as Stage]?.[lang] ?? s.key, s.contacts, s.delivered, s.responses, s.conversions, s.cost, s.revenue, s.responseRate, s.conversionRate, s.roi]));
  out.push('', line([h('byChannel')]), line([h('channel'), ...cols]));
  for (const c of r.byChannel) out.push(line([CHANNEL_BY_ID[c.key as ChannelId]?.label[lang] ?? c.key, c.contacts, c.delivered, c.responses, c.conversions, c.cost, c.revenue, c.responseRate, c.conversionRate, c.roi]));
  out.push('', line([h('byGroup')]), line([h('group'), h('treated'), h('contacted'), h('responded'), h('converted'), h('cost'), h('revenue'), h('contactRate'), h('responseRate'), h('conversionRate'), h('roi'), h('control'), h('controlRate'), h('lift')]));
  for (const g of r.byGroup) out.push(line([GROUP_LABELS[g.key as GroupId]?.[lang] ?? g.key, g.treated, g.contacted, g.responded, g.converted, g.cost, g.revenue, g.contactRate, g.responseRate, g.conversionRate, g.roi, g.control, g.controlConversionRate, g.lift]));
  out.push('', line([h('byNode')]), line([h('node'), h('contacts'), h('cost'), h('conversions'), h('revenue')]));
  for (const n of r.byNode) out.push(line([n.key, n.contacts, n.cost, n.conversions, n.revenue]));
  const grants = Object.entries(r.metrics.grants.byNode);
  if (grants.length > 0) {
    out.push('', line([h('grants')]), line([h('node'), h('granted'), h('grantFailed'), h('alreadyHeld'), h('cost')]));
    for (const [node, g] of grants) out.push(line([node, g.granted, g.failed, g.alreadyHeld, g.cost]));
  }
  return `\uFEFF${out.join('\r\n')}\r\n`;
}
