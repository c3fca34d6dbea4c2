import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { NODE_CATEGORIES } from '../../../../shared/nodes/define.js';
import { NODE_TYPE_IDS, NODE_TYPES, type NodeType } from '../../../../shared/nodes/registry.js';
import { LAYOUT_KEYS, isBool, useStored } from '../layout/use-stored.js';
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

  const [collapsed, setCollapsed] = useStored(LAYOUT_KEYS.paletteCollapsed, false, isBool);
  const toggle = (
    <button type="button" data-testid="palette-toggle" aria-expanded={!collapsed} onClick={() => setCollapsed(!collapsed)}
      aria-label={t(collapsed ? 'designer.palette.expand' : 'designer.palette.collapse')} title={t(collapsed ? 'designer.palette.expand' : 'designer.palette.collapse')}
      className="flex size-7 shrink-0 items-center justify-center rounded-md text-slate-500 hover:bg-slate-200 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-500">
      <svg viewBox="0 0 16 16" aria-hidden className="size-4" fill="none" stroke="currentColor" strokeWidth="1.6">
        <rect x="2" y="2.5" width="12" height="11" rx="1.5" /><path d="M6 2.5v11" />{collapsed ? <path d="M8.5 6.5 10 8l-1.5 1.5" /> : <path d="M10.5 6.5 9 8l1.5 1.5" />}
      </svg>
    </button>
  );

  if (collapsed) {
    // The icon rail: every node type stays one click (or Tab + Enter) away; the name shows as a tooltip.
    return (
      <aside data-testid="palette" data-collapsed="true" className="relative z-20 flex h-full w-12 shrink-0 flex-col items-center gap-1 border-r border-slate-200 bg-slate-50 py-2" aria-label={t('designer.palette.title')}>
        {toggle}
        {GROUPS.map((g) => (
          <div key={g.category} role="group" aria-label={t(`designer.palette.category.${g.category}`)} className="flex flex-col items-center gap-1 border-t border-slate-200 pt-1 first-of-type:mt-1">
            {g.types.map((type) => <PaletteItem key={type} type={type} onAdd={onAdd} disabled={readOnly} compact />)}
          </div>
        ))}
      </aside>
    );
  }
  return (
    <aside data-testid="palette" data-collapsed="false" className="flex h-full w-56 shrink-0 flex-col overflow-y-auto border-r border-slate-200 bg-slate-50 p-3" aria-label={t('designer.palette.title')}>
      <div className="mb-1 flex items-center">
        <h2 className="flex-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">{t('designer.palette.title')}</h2>
        {toggle}
      </div>
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
