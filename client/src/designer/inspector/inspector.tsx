import { useTranslation } from 'react-i18next';
import { useDesigner } from '../store/context.js';
import { FlowSettings } from './flow-settings.js';
import { NodeInspector } from './node-inspector.js';

/** What the inspector shows: the one selected node, a multi-selection summary, or the flow's settings. */
export function Inspector() {
  const { t } = useTranslation();
  const { selected, exists } = useDesigner((s) => ({ selected: s.selectedNodes, exists: s.selectedNodes.length === 1 && s.doc.nodes.some((n) => n.id === s.selectedNodes[0]) }));
  if (selected.length === 1 && exists) return <NodeInspector key={selected[0]} nodeId={selected[0]!} />;
  if (selected.length > 1) {
    return (
      <div className="p-4 text-[13px] text-slate-600" data-testid="multi-selection">
        <p className="font-medium">{t('designer.inspector.multi', { count: selected.length })}</p>
        <p className="mt-1 text-xs text-slate-400">{t('designer.inspector.multiHint')}</p>
      </div>
    );
  }
  return <FlowSettings />;
}
