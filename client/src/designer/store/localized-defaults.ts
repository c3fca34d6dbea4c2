import { NODE_TYPES, type NodeType } from '../../../../shared/nodes/registry.js';
import type { EvaluateData } from '../../../../shared/nodes/evaluate/definition.js';
import i18n from '../../i18n/index.js';

/**
 * A new node's configuration in the UI language: the registry's defaults name evaluate branches in
 * Chinese; an English user gets English branch labels (they show on the node's ports and in issues).
 */
export function localizedDefaults(type: NodeType): unknown {
  const data = NODE_TYPES[type].defaults();
  if (type !== 'evaluate') return data;
  const d = data as EvaluateData;
  if (d.mode !== 'customer') return d;
  return { ...d, branches: d.branches.map((b) => (b.test.kind === 'attribute' ? b : { ...b, label: i18n.t(`designer.evaluate.tests.${b.test.kind}`) })) };
}
