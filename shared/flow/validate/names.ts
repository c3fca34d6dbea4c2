import { t, type Text } from '../../text.js';
import { nodeDef } from '../../nodes/registry.js';
import type { GraphNode } from '../graph.js';
import type { Issue } from '../issues.js';
import { pathLabel } from './field-labels.js';

/** Collects issues; rules push into it instead of returning arrays, so nothing is copied twice. */
export type Report = (issue: Issue) => void;

/**
 * What the user calls each node: its type's label (渠道联动), numbered in document order when the
 * flow has more than one of that type (渠道联动 2). Internal ids never appear in a message.
 */
export function nodeTitles(nodes: readonly { id: string; type: string }[]): Map<string, Text> {
  const total = new Map<string, number>();
  for (const n of nodes) total.set(n.type, (total.get(n.type) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out = new Map<string, Text>();
  for (const n of nodes) {
    if (out.has(n.id)) continue;
    const k = (seen.get(n.type) ?? 0) + 1;
    seen.set(n.type, k);
    const label = nodeDef(n.type)?.label ?? t('未知节点', 'Unknown node');
    out.set(n.id, total.get(n.type)! > 1 ? t(`${label.zh} ${k}`, `${label.en} ${k}`) : label);
  }
  return out;
}

const titlesByNode = new WeakMap<GraphNode, Text>();

/** Remember the titles of a graph's nodes for {@link nodeName}; called once per validation. */
export function rememberTitles(all: readonly GraphNode[]): void {
  const titles = nodeTitles(all.map((gn) => gn.node));
  for (const gn of all) titlesByNode.set(gn, titles.get(gn.node.id)!);
}

/** `话术步骤` / `Script step`, or `渠道联动 2` when the flow has several: how messages name a node. */
export function nodeName(gn: GraphNode): Text {
  return titlesByNode.get(gn) ?? gn.def?.label ?? t('未知节点', 'Unknown node');
}

/** `渠道联动 · 第 2 个触点 · 阶段` — a node plus a field inside its data, as the inspector labels it. */
export function fieldName(gn: GraphNode, path: readonly (string | number)[]): Text {
  const n = nodeName(gn);
  const p = pathLabel(path, gn.def?.form?.fields);
  if (!p.zh) return n;
  return t(`${n.zh} · ${p.zh}`, `${n.en} · ${p.en}`);
}

/** Prefix a message with a subject: `{subject}：{zh}` / `{subject}: {en}`. */
export const about = (subject: Text, zh: string, en: string): Text => t(`${subject.zh}：${zh}`, `${subject.en}: ${en}`);
