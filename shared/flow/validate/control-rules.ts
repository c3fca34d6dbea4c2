import type { RuleContext } from '../../nodes/define.js';
import type { FlowGraph } from '../graph.js';
import { issue } from '../issues.js';
import { about, fieldName, type Report } from './names.js';

/**
 * Each node type's own checks of its settings (waits, splits, evaluations, segment entry, lane
 * routing…): the definition's `rules`, run on valid data only — invalid data is reported field by
 * field by the node rules already.
 */
export function checkControls(graph: FlowGraph, report: Report): void {
  const period = graph.doc.period;
  for (const gn of graph.nodes.values()) {
    if (!gn.def?.rules || !gn.ports) continue;
    const ctx: RuleContext = {
      report: (code, path, zh, en) => report(issue(code, about(fieldName(gn, path), zh, en), { nodeId: gn.node.id, path })),
      period,
    };
    gn.def.rules(gn.data, ctx);
  }
}
