import { useTranslation } from 'react-i18next';
import { CompilePreview } from './checks/compile-preview.js';
import { IssuesPanel } from './checks/issues-panel.js';
import { Inspector } from './inspector/inspector.js';
import { SimulatePanel } from './simulate/simulate-panel.js';
import { useDesigner, useDesignerApi } from './store/context.js';
import type { SidePanel as Panel } from './store/types.js';

const TABS: Panel[] = ['inspector', 'issues', 'compile', 'simulate'];

/** The right column: inspector, issues, compile preview and simulation, as tabs. */
export function SidePanel() {
  const { t } = useTranslation();
  const api = useDesignerApi();
  const { panel, errors, warnings } = useDesigner((s) => ({
    panel: s.panel,
    errors: s.issues.filter((i) => i.severity === 'error').length,
    warnings: s.issues.filter((i) => i.severity === 'warning').length,
  }));
  return (
    <aside className="flex h-full w-[380px] shrink-0 flex-col border-l border-slate-200 bg-white" aria-label={t('designer.panel.label')}>
      <div role="tablist" className="flex shrink-0 border-b border-slate-200 px-2">
        {TABS.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={panel === tab}
            data-testid={`tab-${tab}`}
            onClick={() => api.getState().setPanel(tab)}
            className={`-mb-px flex items-center gap-1.5 border-b-2 px-3 py-2.5 text-[13px] ${panel === tab ? 'border-brand-600 font-medium text-brand-700' : 'border-transparent text-slate-500 hover:text-slate-800'}`}
          >
            {t(`designer.panel.${tab}`)}
            {tab === 'issues' && errors + warnings > 0 && (
              <span data-testid="issue-count" className={`rounded-full px-1.5 text-[11px] font-semibold text-white ${errors > 0 ? 'bg-danger' : 'bg-warning'}`}>{errors + warnings}</span>
            )}
          </button>
        ))}
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
