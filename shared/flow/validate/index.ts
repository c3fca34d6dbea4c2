import { t } from '../../text.js';
import { flowDocumentSchema, type FlowDocument } from '../document.js';
import { buildFlowGraph, type FlowGraph } from '../graph.js';
import { issue, type Issue } from '../issues.js';
import { zodIssueTextWithPath } from '../zod-messages.js';
import { checkConditions } from './condition-rules.js';
import { checkContactCaps } from './contact-rules.js';
import { checkControls } from './control-rules.js';
import { checkDocument } from './document-rules.js';
import { checkEdges, checkRequiredOutputs } from './edge-rules.js';
import { checkCapacityShares, checkRetryChannels } from './linkage-rules.js';
import type { Report } from './names.js';
import { checkNodes } from './node-rules.js';
import { checkCycles, checkFunnelOrder, checkOutcomeTests, checkReachability } from './path-rules.js';
import { checkTouches } from './touch-rules.js';
import { checkUnknownNodeKeys, unknownDocumentKeys } from './unknown-keys.js';

type Rule = (graph: FlowGraph, report: Report) => void;

/** The rules, in the order their issues are listed. Each is linear in the size of the document. */
const RULES: readonly Rule[] = [
  checkDocument,
  checkNodes,
  checkUnknownNodeKeys,
  checkEdges,
  checkRequiredOutputs,
  checkTouches,
  checkRetryChannels,
  checkConditions,
  checkControls,
  checkReachability,
  checkCycles,
  checkFunnelOrder,
  checkOutcomeTests,
  checkContactCaps,
  checkCapacityShares,
];

export interface FlowAnalysis {
  issues: Issue[];
  /** Null only when the document is so malformed that it could not be indexed. */
  graph: FlowGraph | null;
}

/**
 * {@link validateFlow} plus the index it built, so the compiler does not parse every node twice.
 */
export function analyseFlow(doc: FlowDocument): FlowAnalysis {
  let graph: FlowGraph;
  try {
    graph = buildFlowGraph(doc);
  } catch (e) {
    return { issues: malformed(doc, e), graph: null };
  }
  // A document that did not come through parseFlowDocument may still carry keys the schema drops.
  const issues: Issue[] = unknownDocumentKeys(doc);
  const report: Report = (i) => issues.push(i);
  for (const rule of RULES) {
    try {
      rule(graph, report);
    } catch (e) {
      report(issue('INTERNAL_ERROR', t(`校验规则 ${rule.name} 出错：${String(e)}`, `Validator rule ${rule.name} failed: ${String(e)}`)));
    }
  }
  return { issues, graph };
}

/**
 * Everything wrong with a flow, as issues with bilingual messages pointing at nodes, edges and
 * fields. Pure and total (never throws, even on a document that bypassed the schema), and the same
 * code runs in the editor for live badges and on the server before compiling — the server never
 * trusts the client's verdict.
 */
export function validateFlow(doc: FlowDocument): Issue[] {
  return analyseFlow(doc).issues;
}

function malformed(doc: unknown, e: unknown): Issue[] {
  const parsed = flowDocumentSchema.safeParse(doc);
  if (!parsed.success) {
    return parsed.error.issues.map((zi) => issue('INVALID_DOCUMENT', zodIssueTextWithPath(zi), { path: zi.path as (string | number)[] }));
  }
  return [issue('INTERNAL_ERROR', t(`无法建立流程索引：${String(e)}`, `Could not index the flow: ${String(e)}`))];
}
