import type { FlowNode } from '../../../../shared/flow/document.js';
import { nodeTitles } from '../../../../shared/flow/validate/names.js';
import type { Lang, Text } from '../../../../shared/text.js';

const cache = new WeakMap<readonly FlowNode[], Map<string, Text>>();

/**
 * A node's title as messages name it (渠道联动 2 when the flow has several): computed once per
 * node list, so 500 nodes each looking theirs up cost one pass.
 */
export function nodeTitleOf(nodes: readonly FlowNode[], id: string, lang: Lang): string {
  let titles = cache.get(nodes);
  if (!titles) cache.set(nodes, (titles = nodeTitles(nodes)));
  return titles.get(id)?.[lang] ?? id;
}
