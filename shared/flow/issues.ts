import type { Lang, Text } from '../text.js';
import { t } from '../text.js';

export type Severity = 'error' | 'warning';

/**
 * One finding about a flow document. Errors block compiling and publishing; warnings are shown as
 * badges and in the review diff. Where the finding lives:
 * - `nodeId`: the node (canvas badge); `path` is then inside that node's `data` (the inspector field);
 * - `edgeId`: the edge;
 * - neither: the document itself; `path` is then from the document root (e.g. `['period', 'end']`).
 */
export interface Issue {
  code: IssueCode;
  severity: Severity;
  message: Text;
  nodeId?: string;
  edgeId?: string;
  path?: (string | number)[];
}

interface CodeInfo {
  severity: Severity;
  title: Text;
}

/**
 * The issue-code catalogue. Codes are stable API (the client, the CLI's --json and stored review
 * comments refer to them): never rename one, add a new code instead. Severity is fixed per code.
 */
export const ISSUE_CODES = {
  // Loading a document (migrations.ts)
  INVALID_JSON: { severity: 'error', title: t('JSON 格式错误', 'Malformed JSON') },
  NOT_AN_OBJECT: { severity: 'error', title: t('不是流程文档', 'Not a flow document') },
  UNSUPPORTED_SCHEMA_VERSION: { severity: 'error', title: t('不支持的文档版本', 'Unsupported schema version') },
  MIGRATION_FAILED: { severity: 'error', title: t('文档升级失败', 'Migration failed') },
  INVALID_DOCUMENT: { severity: 'error', title: t('文档字段无效', 'Invalid document field') },
  // Document-level settings
  UNKNOWN_PRODUCT: { severity: 'error', title: t('未知产品', 'Unknown product') },
  PRODUCT_NOT_ON_SALE: { severity: 'error', title: t('产品不在有效期内', 'Product not on sale') },
  UNKNOWN_ORG_UNIT: { severity: 'error', title: t('未知归属单位', 'Unknown organisation unit') },
  PERIOD_INVALID: { severity: 'error', title: t('活动周期无效', 'Invalid period') },
  // Nodes
  NO_ENTRY: { severity: 'error', title: t('缺少目标客群', 'No entry') },
  MULTIPLE_ENTRIES: { severity: 'error', title: t('多个目标客群', 'Multiple entries') },
  UNKNOWN_NODE_TYPE: { severity: 'error', title: t('未知节点类型', 'Unknown node type') },
  DUPLICATE_NODE_ID: { severity: 'error', title: t('节点 ID 重复', 'Duplicate node id') },
  INVALID_NODE_DATA: { severity: 'error', title: t('节点配置无效', 'Invalid node data') },
  INVALID_ID: { severity: 'error', title: t('ID 含保留字符', 'Reserved character in id') },
  DUPLICATE_TOUCH_ID: { severity: 'error', title: t('触点 ID 重复', 'Duplicate touch id') },
  DUPLICATE_PORT_ID: { severity: 'error', title: t('分支 ID 重复', 'Duplicate branch id') },
  // Edges
  DUPLICATE_EDGE_ID: { severity: 'error', title: t('连线 ID 重复', 'Duplicate edge id') },
  DANGLING_EDGE: { severity: 'error', title: t('悬空连线', 'Dangling edge') },
  DUPLICATE_EDGE: { severity: 'error', title: t('重复连线', 'Duplicate edge') },
  INVALID_CONNECTION: { severity: 'error', title: t('无效连线', 'Invalid connection') },
  REQUIRED_OUTPUT_UNCONNECTED: { severity: 'error', title: t('出口未连接', 'Output not connected') },
  // Whole graph
  UNREACHABLE_NODE: { severity: 'warning', title: t('节点不可达', 'Unreachable node') },
  CYCLE_WITHOUT_WAIT: { severity: 'error', title: t('无等待的循环', 'Cycle without a wait') },
  SALES_BEFORE_PUBLICITY: { severity: 'warning', title: t('先销售后宣传', 'Sales before publicity') },
  CONTACT_CAP_EXCEEDED: { severity: 'warning', title: t('超出接触频次上限', 'Contact cap exceeded') },
  OUTCOME_TEST_BEFORE_TOUCH: { severity: 'warning', title: t('触达前评估结果', 'Outcome tested before any touch') },
  // Content of touches, waits, splits, conditions
  UNDEFINED_SCRIPT_VARIABLE: { severity: 'error', title: t('未定义的话术变量', 'Undefined script variable') },
  CHANNEL_CANNOT_SERVE_STAGE: { severity: 'error', title: t('渠道不支持该阶段', 'Channel cannot serve stage') },
  CHANNEL_DISABLED: { severity: 'error', title: t('渠道已停用', 'Channel disabled') },
  SCRIPT_KIND_MISMATCH: { severity: 'error', title: t('话术类型与渠道不符', 'Script kind does not fit channel') },
  SALES_WITHOUT_SECOND_CONFIRMATION: { severity: 'error', title: t('订购缺少二次确认', 'Order without second confirmation') },
  ORDER_OUTSIDE_SALES_STAGE: { severity: 'warning', title: t('非销售阶段受理订购', 'Order taken outside the sales stage') },
  DUPLICATE_REPLY_KEYWORD: { severity: 'error', title: t('回复关键字重复', 'Duplicate reply keyword') },
  WAIT_NON_POSITIVE: { severity: 'error', title: t('等待时长必须大于 0', 'Wait must be positive') },
  WAIT_OUTSIDE_PERIOD: { severity: 'warning', title: t('等待日期在活动周期外', 'Wait date outside the period') },
  SPLIT_NOT_100: { severity: 'error', title: t('分流比例之和不是 100%', 'Split does not add up to 100%') },
  UNKNOWN_FIELD: { severity: 'error', title: t('未知客户字段', 'Unknown subscriber field') },
  BAD_OPERATOR: { severity: 'error', title: t('运算符不适用', 'Operator does not fit field') },
  BAD_CONDITION_VALUE: { severity: 'error', title: t('条件取值无效', 'Invalid condition value') },
  SEGMENT_TARGETS_EVERYONE: { severity: 'warning', title: t('客群无筛选条件', 'Segment has no conditions') },
  TRIGGER_THRESHOLD_MISSING: { severity: 'error', title: t('触发阈值缺失', 'Trigger threshold missing') },
  RULES_WITHOUT_FALLBACK_LANE: { severity: 'warning', title: t('规则分流无兜底', 'Rule routing without a fallback lane') },
  KPI_THRESHOLD_OUT_OF_RANGE: { severity: 'warning', title: t('指标阈值超出范围', 'KPI threshold out of range') },
  RETRY_CHANNEL_INVALID: { severity: 'error', title: t('重试渠道无效', 'Invalid retry channel') },
  CAPACITY_SHARE_INVALID: { severity: 'error', title: t('流程渠道容量无效', 'Invalid flow channel capacity') },
  // A bug in a validator rule: reported, never thrown, so the editor keeps working.
  INTERNAL_ERROR: { severity: 'error', title: t('校验内部错误', 'Internal validator error') },
} as const satisfies Record<string, CodeInfo>;

export type IssueCode = keyof typeof ISSUE_CODES;
export const ISSUE_CODE_LIST = Object.keys(ISSUE_CODES) as IssueCode[];

/** Where an issue points; see {@link Issue}. */
export interface IssueLocation {
  nodeId?: string;
  edgeId?: string;
  path?: (string | number)[];
}

/** Build an issue; severity always comes from the catalogue so it cannot drift per call site. */
export function issue(code: IssueCode, message: Text, where: IssueLocation = {}): Issue {
  const out: Issue = { code, severity: ISSUE_CODES[code].severity, message };
  if (where.nodeId !== undefined) out.nodeId = where.nodeId;
  if (where.edgeId !== undefined) out.edgeId = where.edgeId;
  if (where.path !== undefined && where.path.length > 0) out.path = where.path;
  return out;
}

export const isError = (i: Issue): boolean => i.severity === 'error';
export const hasErrors = (issues: readonly Issue[]): boolean => issues.some(isError);
export const errorsOf = (issues: readonly Issue[]): Issue[] => issues.filter(isError);

/** Group issues by node for canvas badges; document- and edge-level issues are under `''`. */
export function issuesByNode(issues: readonly Issue[]): Map<string, Issue[]> {
  const map = new Map<string, Issue[]>();
  for (const i of issues) {
    const key = i.nodeId ?? '';
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  }
  return map;
}

/** `a.b[2].c` — the form used inside messages and the CLI. */
export const formatPath = (path: readonly (string | number)[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');

/** One line for logs and the CLI: `nodeId: CODE: message` (the location falls back to edge, then `-`). */
export function formatIssue(i: Issue, lang: Lang = 'en'): string {
  const where = i.nodeId ?? (i.edgeId !== undefined ? `edge ${i.edgeId}` : '-');
  return `${where}: ${i.code}: ${i.message[lang]}${i.severity === 'warning' ? ' [warning]' : ''}`;
}
