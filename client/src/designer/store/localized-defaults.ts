import { NODE_TYPES, type NodeType } from '../../../../shared/nodes/registry.js';
import i18n from '../../i18n/index.js';

/** A new node's configuration in the UI language (evaluate branch labels show on ports and in issues). */
export function localizedDefaults(type: NodeType): unknown {
  return NODE_TYPES[type].defaults(i18n.language === 'en' ? 'en' : 'zh');
}
