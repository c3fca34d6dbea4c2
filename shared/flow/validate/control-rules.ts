import { KPI_LABELS } from '../../nodes/evaluate/definition.js';
import { dataOf, type FlowGraph, type GraphNode } from '../graph.js';
import { issue, type IssueCode } from '../issues.js';
import { about, fieldName, type Report } from './names.js';

const RATE_METRICS = new Set(['contact_rate', 'response_rate', 'conversion_rate']);

/** Waits, splits, evaluations, segment entry and lane routing: the settings that steer customers. */
export function checkControls(graph: FlowGraph, report: Report): void {
  for (const gn of graph.nodes.values()) {
    const at = (code: IssueCode, path: (string | number)[], zh: string, en: string) =>
      report(issue(code, about(fieldName(gn, path), zh, en), { nodeId: gn.node.id, path }));
    checkWait(gn, graph, at);
    checkSplit(gn, at);
    checkSegment(gn, at);
    const evaluate = dataOf(gn, 'evaluate');
    if (evaluate?.mode === 'kpi' && RATE_METRICS.has(evaluate.metric) && (evaluate.threshold < 0 || evaluate.threshold > 1)) {
      const label = KPI_LABELS[evaluate.metric];
      at('KPI_THRESHOLD_OUT_OF_RANGE', ['threshold'],
        `${label.zh}是 0 到 1 之间的比例（5% 写作 0.05），当前阈值 ${evaluate.threshold}`,
        `${label.en} is a fraction between 0 and 1 (5% is 0.05); the threshold is ${evaluate.threshold}`);
    }
    const linkage = dataOf(gn, 'linkage');
    if (linkage && linkage.mode !== 'serial' && linkage.routing === 'rules' && linkage.lanes.every((l) => l.rule)) {
      at('RULES_WITHOUT_FALLBACK_LANE', ['lanes'],
        '每条通道都有规则：不满足任何规则的客户会从「无法触达」出口离开；可添加一条无规则的兜底通道',
        'every lane has a rule: customers matching none leave through "unreachable"; add a lane without a rule as the fallback');
    }
  }
}

type At = (code: IssueCode, path: (string | number)[], zh: string, en: string) => void;

function checkWait(gn: GraphNode, graph: FlowGraph, at: At): void {
  const wait = dataOf(gn, 'wait');
  if (!wait) return;
  if (wait.mode === 'duration' && !(wait.hours > 0)) {
    at('WAIT_NON_POSITIVE', ['hours'], `等待时长必须大于 0 小时（当前 ${wait.hours}）`, `the wait must last more than 0 hours (is ${wait.hours})`);
  }
  if (wait.mode === 'event' && !(wait.timeoutHours > 0)) {
    at('WAIT_NON_POSITIVE', ['timeoutHours'], `事件等待超时必须大于 0 小时（当前 ${wait.timeoutHours}）`, `the event timeout must be more than 0 hours (is ${wait.timeoutHours})`);
  }
  const { start, end } = graph.doc.period;
  if (wait.mode === 'until_date' && (wait.date < start || wait.date > end)) {
    at('WAIT_OUTSIDE_PERIOD', ['date'], `等待到 ${wait.date}，不在活动周期 ${start} ~ ${end} 内`, `waits until ${wait.date}, outside the period ${start} – ${end}`);
  }
}

function checkSplit(gn: GraphNode, at: At): void {
  const split = dataOf(gn, 'split');
  if (!split) return;
  const sum = split.branches.reduce((s, b) => s + b.percent, 0);
  if (Math.abs(sum - 100) > 1e-6) {
    at('SPLIT_NOT_100', ['branches'], `各分支比例之和为 ${round(sum)}%，应为 100%`, `the branch percentages add up to ${round(sum)}%, not 100%`);
  }
}

function checkSegment(gn: GraphNode, at: At): void {
  const segment = dataOf(gn, 'segment');
  if (!segment) return;
  if (segment.conditions.rules.length === 0 && segment.conditions.groups.length === 0) {
    at('SEGMENT_TARGETS_EVERYONE', ['conditions'], '没有筛选条件，将面向全部客户', 'there are no conditions, so every subscriber is targeted');
  }
  if (segment.entry.mode === 'event' && segment.entry.event === 'usage_threshold' && segment.entry.threshold === undefined) {
    at('TRIGGER_THRESHOLD_MISSING', ['entry', 'threshold'], '「流量使用超阈值」触发需要设置阈值（%）', 'the usage-threshold trigger needs a threshold (%)');
  }
}

const round = (n: number) => Math.round(n * 100) / 100;
