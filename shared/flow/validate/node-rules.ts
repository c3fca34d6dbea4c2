import { t } from '../../text.js';
import { NODE_TYPE_IDS } from '../../nodes/registry.js';
import { factOf, type FlowGraph, type GraphNode } from '../graph.js';
import { issue } from '../issues.js';
import { touchesOf } from '../touches.js';
import { zodIssueText } from '../zod-messages.js';
import { about, fieldName, nodeName, rememberTitles, type Report } from './names.js';

/** Node ids, types and data: the checks that need nothing but the node itself. */
export function checkNodes(graph: FlowGraph, report: Report): void {
  // The first rule that names nodes: every later rule's messages use these titles.
  rememberTitles(graph.all);
  const seen = new Set<string>();
  for (const gn of graph.all) {
    const id = gn.node.id;
    if (seen.has(id)) {
      report(issue('DUPLICATE_NODE_ID', about(nodeName(gn), `与另一个节点的内部编号相同（第 ${gn.index + 1} 个节点），请删除后重新添加`, `has the same internal id as another node (node #${gn.index + 1}); delete it and add it again`), { nodeId: id }));
    }
    seen.add(id);
    if (id.includes('.')) reportDot(gn, [], id, report);
    if (!gn.def) {
      report(issue('UNKNOWN_NODE_TYPE', t(`第 ${gn.index + 1} 个节点的类型「${gn.node.type}」未知（可用：${NODE_TYPE_IDS.join('、')}）`, `Node #${gn.index + 1} has unknown type "${gn.node.type}" (known: ${NODE_TYPE_IDS.join(', ')})`), { nodeId: id }));
      continue;
    }
    for (const zi of gn.dataError?.issues ?? []) {
      const path = zi.path as (string | number)[];
      const text = zodIssueText(zi);
      report(issue('INVALID_NODE_DATA', about(fieldName(gn, path), text.zh, text.en), { nodeId: id, path }));
    }
    if (gn.ports) checkInnerIds(gn, report);
  }
  checkEntries(graph, report);
}

function checkEntries(graph: FlowGraph, report: Report): void {
  if (graph.entries.length === 0) {
    report(issue('NO_ENTRY', t('流程缺少「目标客群」节点，客户无从进入', 'The flow has no Segment node, so no customer can enter it')));
  }
  for (const extra of graph.entries.slice(1)) {
    report(issue('MULTIPLE_ENTRIES', about(nodeName(extra), `流程只能有一个入口，已有「${nodeName(graph.entries[0]!).zh}」`, `a flow has exactly one entry; "${nodeName(graph.entries[0]!).en}" is already the entry`), { nodeId: extra.node.id }));
  }
}

/** Touch ids, branch ids: unique within the node and free of the state-id separator. */
function checkInnerIds(gn: GraphNode, report: Report): void {
  const touchIds = new Map<string, number>();
  for (const { touch, path } of touchesOf(gn)) {
    if (touch.id.includes('.')) reportDot(gn, [...path, 'id'], touch.id, report);
    if (touchIds.has(touch.id)) {
      report(issue('DUPLICATE_TOUCH_ID', about(fieldName(gn, path), '与本节点的另一个触点内部编号相同，请删除后重新添加', 'has the same internal id as another touch of this node; remove it and add it again'), { nodeId: gn.node.id, path: [...path, 'id'] }));
    }
    touchIds.set(touch.id, 1);
  }
  const branches = factOf(gn, 'branches');
  const portIds = new Set<string>(branches?.reserved);
  for (const b of branches?.ids ?? []) {
    const path = [...b.path, 'id'];
    if (b.id.includes('.')) reportDot(gn, path, b.id, report);
    if (portIds.has(b.id)) {
      report(issue('DUPLICATE_PORT_ID', about(fieldName(gn, b.path), `分支「${b.label}」的内部编号重复或与保留出口冲突，请删除后重新添加`, `branch "${b.label}" has an internal id used twice or reserved; remove it and add it again`), { nodeId: gn.node.id, path }));
    }
    portIds.add(b.id);
  }
}

function reportDot(gn: GraphNode, path: (string | number)[], id: string, report: Report): void {
  report(issue('INVALID_ID', about(fieldName(gn, path.slice(0, -1)), `内部编号「${id}」不能包含「.」`, `internal id "${id}" must not contain "."`), { nodeId: gn.node.id, path }));
}
