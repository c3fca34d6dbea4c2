import { t, type Text } from '../../text.js';
import type { GraphNode } from '../graph.js';
import type { Issue } from '../issues.js';
import { formatPath } from '../issues.js';

/** Collects issues; rules push into it instead of returning arrays, so nothing is copied twice. */
export type Report = (issue: Issue) => void;

/** `话术步骤「n3」` / `Script step "n3"`: how messages name a node. */
export function nodeName(gn: GraphNode): Text {
  const id = gn.node.id;
  return gn.def ? t(`${gn.def.label.zh}「${id}」`, `${gn.def.label.en} "${id}"`) : t(`节点「${id}」`, `Node "${id}"`);
}

/** `话术步骤「n3」的 touches[1].channel` — a node plus a field inside its data. */
export function fieldName(gn: GraphNode, path: readonly (string | number)[]): Text {
  const n = nodeName(gn);
  if (path.length === 0) return n;
  const p = formatPath(path);
  return t(`${n.zh} 的 ${p}`, `${n.en} ${p}`);
}

/** Prefix a message with a subject: `{subject}：{zh}` / `{subject}: {en}`. */
export const about = (subject: Text, zh: string, en: string): Text => t(`${subject.zh}：${zh}`, `${subject.en}: ${en}`);
