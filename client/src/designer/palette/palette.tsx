import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { NODE_CATEGORIES } from '../../../../shared/nodes/define.js';
import { NODE_TYPE_IDS, NODE_TYPES, type NodeType } from '../../../../shared/nodes/registry.js';
import { useDesigner, useDesignerApi } from '../store/context.js';
import { PaletteItem } from './palette-item.js';

/** Node types grouped by category, in palette order. */
const GROUPS = NODE_CATEGORIES.map((c) => ({ category: c, types: NODE_TYPE_IDS.filter((t) => NODE_TYPES[t].category === c) })).filter((g) => g.types.length > 0);

export function Palette() {
  const { t } = useTranslation();
  const api = useDesignerApi();
  const rf = useReactFlow();
  const readOnly = useDesigner((s) => s.flow?.readOnly ?? false);

  /** Keyboard / click add: the middle of the visible canvas, nudged so repeated adds do not stack. */
  const onAdd = useCallback((type: NodeType) => {
    const el = document.querySelector('[data-testid=canvas]');
    const r = el?.getBoundingClientRect();
    const centre = r ? rf.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 }) : { x: 0, y: 0 };
    const taken = api.getState().doc.nodes;
    let p = { x: centre.x - 120, y: centre.y - 60 };
    while (taken.some((n) => Math.abs(n.position.x - p.x) < 20 && Math.abs(n.position.y - p.y) < 20)) p = { x: p.x + 30, y: p.y + 30 };
    api.getState().addNode(type, p);
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
