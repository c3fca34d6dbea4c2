import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { NODE_CATEGORIES } from '../../../../shared/nodes/define.js';
import { NODE_TYPE_IDS, NODE_TYPES, type NodeType } from '../../../../shared/nodes/registry.js';
import { useDesigner, useDesignerApi } from '../store/context.js';
import { PaletteItem } from './palette-item.js';

/** Spacing of nodes added from the keyboard: a node is 240 px wide and about 100 px high. */
const NODE_STEP_X = 300;
const NODE_STEP_Y = 140;

/** Node types grouped by category, in palette order. */
const GROUPS = NODE_CATEGORIES.map((c) => ({ category: c, types: NODE_TYPE_IDS.filter((t) => NODE_TYPES[t].category === c) })).filter((g) => g.types.length > 0);

export function Palette() {
  const { t } = useTranslation();
  const api = useDesignerApi();
  const rf = useReactFlow();
  const readOnly = useDesigner((s) => s.flow?.readOnly ?? false);

  /**
   * Keyboard / click add: right of the selected node (so Enter, Enter, Enter builds a chain), else the
   * middle of the visible canvas; moved down until it overlaps no node, then brought into view.
   */
  const onAdd = useCallback((type: NodeType) => {
    const s = api.getState();
    const selected = s.selectedNodes.length === 1 ? s.doc.nodes.find((n) => n.id === s.selectedNodes[0]) : undefined;
    const r = document.querySelector('[data-testid=canvas]')?.getBoundingClientRect();
    const centre = r ? rf.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 }) : { x: 0, y: 0 };
    let p = selected ? { x: selected.position.x + NODE_STEP_X, y: selected.position.y } : { x: centre.x - 120, y: centre.y - 60 };
    while (s.doc.nodes.some((n) => Math.abs(n.position.x - p.x) < NODE_STEP_X - 20 && Math.abs(n.position.y - p.y) < NODE_STEP_Y - 20)) p = { x: p.x, y: p.y + NODE_STEP_Y };
    s.addNode(type, p);
    void rf.setCenter(p.x + 120, p.y + 50, { zoom: rf.getZoom(), duration: 200 });
  }, [api, rf]);

  return (
    <aside data-testid="palette" className="flex h-full w-56 shrink-0 flex-col overflow-y-auto border-r border-slate-200 bg-slate-50 p-3" aria-label={t('designer.palette.title')}>
      <h2 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{t('designer.palette.title')}</h2>
      <p className="mb-3 text-[11px] text-slate-400">{t('designer.palette.hint')}</p>
      {GROUPS.map((g) => (
        <section key={g.category} className="mb-4" aria-labelledby={`palette-${g.category}`}>
          <h3 id={`palette-${g.category}`} className="mb-1.5 text-[11px] font-semibold text-slate-500">{t(`designer.palette.category.${g.category}`)}</h3>
          <div className="flex flex-col gap-1.5">
            {g.types.map((type) => <PaletteItem key={type} type={type} onAdd={onAdd} disabled={readOnly} />)}
          </div>
        </section>
      ))}
    </aside>
  );
}
