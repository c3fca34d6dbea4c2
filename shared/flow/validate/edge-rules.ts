import { t, type Text } from '../../text.js';
import type { FlowEdge } from '../document.js';
import type { ConnectionFailure } from '../connection-rules.js';
import type { FlowGraph, GraphNode } from '../graph.js';
import { issue, type IssueCode } from '../issues.js';
import { about, nodeName, type Report } from './names.js';

const CODE_FOR: Record<ConnectionFailure, IssueCode | null> = {
  unknown_source: 'DANGLING_EDGE',
  unknown_target: 'DANGLING_EDGE',
  unknown_handle: 'DANGLING_EDGE',
  bad_target_handle: 'DANGLING_EDGE',
  duplicate: 'DUPLICATE_EDGE',
  self_loop: 'INVALID_CONNECTION',
  into_entry: 'INVALID_CONNECTION',
  port_taken: 'INVALID_CONNECTION',
  // The node is broken; its own issue says so.
  source_unchecked: null,
  target_unchecked: null,
};

/** Every edge against the connection rules (in document order: the first edge on a port wins). */
export function checkEdges(graph: FlowGraph, report: Report): void {
  const ids = new Set<string>();
  for (const { edge, verdict } of graph.edges) {
    if (ids.has(edge.id)) {
      report(issue('DUPLICATE_EDGE_ID', about(edgeName(graph, edge), '与另一条连线重复', 'is the same as another edge'), { edgeId: edge.id }));
    }
    ids.add(edge.id);
    if (verdict.ok) continue;
    const code = CODE_FOR[verdict.failure];
    if (!code) continue;
    report(issue(code, about(edgeName(graph, edge), verdict.reason.zh, verdict.reason.en), { edgeId: edge.id }));
  }
}

/** `连线 渠道联动「成功办理」→ 终点` / `Edge Channel linkage "Converted" → End`: by the titles and port label the canvas shows. */
function edgeName(graph: FlowGraph, edge: FlowEdge): Text {
  const source = graph.nodes.get(edge.source);
  const target = graph.nodes.get(edge.target);
  const port = source?.ports?.find((p) => p.id === edge.sourceHandle)?.label;
  const name = (gn: GraphNode | undefined) => (gn ? nodeName(gn) : t('已删除的节点', 'a deleted node'));
  const s = name(source);
  const d = name(target);
  return t(`连线 ${s.zh}${port ? `「${port.zh}」` : ''} → ${d.zh}`, `Edge ${s.en}${port ? ` "${port.en}"` : ''} → ${d.en}`);
}

/** A required output left open would strand customers; optional ones end the journey instead. */
export function checkRequiredOutputs(graph: FlowGraph, report: Report): void {
  for (const gn of graph.nodes.values()) {
    const connected = graph.out.get(gn.node.id);
    for (const port of gn.ports ?? []) {
      if (!port.required || connected?.has(port.id)) continue;
      report(issue('REQUIRED_OUTPUT_UNCONNECTED', about(nodeName(gn), `出口「${port.label.zh}」未连接`, `output "${port.label.en}" is not connected`), { nodeId: gn.node.id }));
    }
  }
}
