import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CompilePreview } from './checks/compile-preview.js';
import { IssuesPanel } from './checks/issues-panel.js';
import { Inspector } from './inspector/inspector.js';
import { ResizeHandle } from './layout/resize-handle.js';
import { LAYOUT_KEYS, isNum, useStored } from './layout/use-stored.js';
import { SimulatePanel } from './simulate/simulate-panel.js';
import { useDesigner, useDesignerApi } from './store/context.js';
import type { SidePanel as Panel } from './store/types.js';

const TABS: Panel[] = ['inspector', 'issues', 'compile', 'simulate'];
export const PANEL_MIN = 320;
const PANEL_MAX = 640;
const PANEL_DEFAULT = 360;
/** The canvas keeps at least this much of the window whatever the stored panel width. */
const CANVAS_MIN = 480;

const tabClass = (on: boolean) =>
  `-mb-px flex items-center gap-1.5 border-b-2 px-2.5 py-2.5 text-[13px] whitespace-nowrap focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-500 ${on ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-500 hover:text-slate-800'}`;
const railButton = 'flex size-7 shrink-0 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-500';

function useWindowWidth(): number {
  const [w, setW] = useState(() => window.innerWidth);
  useEffect(() => {
    const on = () => setW(window.innerWidth);
    window.addEventListener('resize', on);
    return () => window.removeEventListener('resize', on);
  }, []);
  return w;
}

/** The right column: inspector, issues, compile preview and simulation, as tabs; resizable and collapsible. */
export function SidePanel() {
  const { t } = useTranslation();
  const api = useDesignerApi();
  const { panel, collapsed, errors, warnings } = useDesigner((s) => ({
    panel: s.panel,
    collapsed: s.panelCollapsed,
    errors: s.issues.filter((i) => i.severity === 'error').length,
    warnings: s.issues.filter((i) => i.severity === 'warning').length,
  }));
  const [stored, setWidth] = useStored(LAYOUT_KEYS.panelWidth, PANEL_DEFAULT, isNum);
  const setCollapsed = api.getState().setPanelCollapsed;
  const max = Math.max(PANEL_MIN, Math.min(PANEL_MAX, useWindowWidth() - CANVAS_MIN));
  const width = Math.min(max, Math.max(PANEL_MIN, stored));
  const count = errors + warnings > 0 && (
    <span data-testid="issue-count" className={`rounded-full px-1.5 text-[11px] font-semibold text-white ${errors > 0 ? 'bg-danger' : 'bg-warning'}`}>{errors + warnings}</span>
  );
  const open = (tab: Panel) => api.getState().setPanel(tab);

  if (collapsed) {
    // A rail of vertical tab names: one click opens the panel on that tab.
    return (
      <aside data-testid="side-panel" data-collapsed="true" className="flex h-full w-10 shrink-0 flex-col items-center gap-1 border-l border-slate-200 bg-white py-2" aria-label={t('designer.panel.label')}>
        <button type="button" data-testid="panel-toggle" aria-expanded={false} className={railButton} onClick={() => setCollapsed(false)}
          aria-label={t('designer.panel.expand')} title={t('designer.panel.expand')}>
          <PanelIcon flip />
        </button>
        {TABS.map((tab) => (
          <button key={tab} type="button" data-testid={`tab-${tab}`} onClick={() => open(tab)}
            className={`flex flex-col items-center gap-1 rounded-md px-1 py-2 text-[13px] [writing-mode:vertical-rl] hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 ${panel === tab ? 'text-brand-700' : 'text-slate-500'}`}>
            {t(`designer.panel.${tab}`)}
            {tab === 'issues' && count}
          </button>
        ))}
      </aside>
    );
  }
  return (
    <aside data-testid="side-panel" data-collapsed="false" style={{ width }} className="relative flex h-full shrink-0 flex-col border-l border-slate-200 bg-white" aria-label={t('designer.panel.label')}>
      <ResizeHandle width={width} min={PANEL_MIN} max={max} onChange={setWidth} label={t('designer.panel.resize')} />
      <div className="flex shrink-0 items-center border-b border-slate-200 pl-1">
        <div role="tablist" className="flex min-w-0 flex-1 overflow-x-auto">
          {TABS.map((tab) => (
            <button key={tab} type="button" role="tab" aria-selected={panel === tab} data-testid={`tab-${tab}`} onClick={() => open(tab)} className={tabClass(panel === tab)}>
              {t(`designer.panel.${tab}`)}
              {tab === 'issues' && count}
            </button>
          ))}
        </div>
        <button type="button" data-testid="panel-toggle" aria-expanded className={`${railButton} mx-1`} onClick={() => setCollapsed(true)}
          aria-label={t('designer.panel.collapse')} title={t('designer.panel.collapse')}>
          <PanelIcon />
        </button>
      </div>
      <div role="tabpanel" className="min-h-0 flex-1 overflow-y-auto">
        {panel === 'inspector' && <Inspector />}
        {panel === 'issues' && <IssuesPanel />}
        {panel === 'compile' && <CompilePreview />}
        {panel === 'simulate' && <SimulatePanel />}
      </div>
    </aside>
  );
}

function PanelIcon({ flip }: { flip?: boolean }) {
  return (
    <svg viewBox="0 0 16 16" aria-hidden className="size-4" fill="none" stroke="currentColor" strokeWidth="1.6">
      <rect x="2" y="2.5" width="12" height="11" rx="1.5" /><path d="M10 2.5v11" />{flip ? <path d="M7.5 6.5 6 8l1.5 1.5" /> : <path d="M5.5 6.5 7 8l-1.5 1.5" />}
    </svg>
  );
}
