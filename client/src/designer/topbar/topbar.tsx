import { useTranslation } from 'react-i18next';
import { STATUS_LABELS, type FlowStatus } from '../../../../shared/governance/lifecycle.js';
import { validateFlow } from '../../../../shared/flow/validate.js';
import { useLang } from '../../i18n/index.js';
import { FilesMenu } from '../files/files-menu.js';
import { useDesigner, useDesignerApi } from '../store/context.js';
import { HistoryButtons } from './history-buttons.js';
import { SaveIndicator } from './save-indicator.js';
import { FlowName } from './flow-name.js';
import { SubmitButton } from './submit-button.js';
import { LayoutButton } from './layout-button.js';

const btn = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-[13px] text-slate-700 hover:border-brand-500 hover:text-brand-700';

/** Name, status, save state; file, history and layout tools; validate, simulate, submit. */
export function Topbar() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const api = useDesignerApi();
  const status = useDesigner((s) => s.flow?.status ?? 'draft');
  const label = STATUS_LABELS[status as FlowStatus];
  const validate = () => {
    api.getState().setIssues(validateFlow(api.getState().doc));
    const s = api.getState();
    s.setPanel('issues');
    const errors = s.issues.filter((i) => i.severity === 'error').length;
    s.notify(s.issues.length === 0 ? t('designer.issues.allGood') : t('designer.issues.summary', { errors, warnings: s.issues.length - errors }), errors > 0 ? 'error' : 'info');
  };
  return (
    <div data-testid="topbar" className="flex h-12 shrink-0 items-center gap-2 border-b border-slate-200 bg-white px-3">
      <FilesMenu />
      <FlowName />
      <span data-testid="flow-status" className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600 capitalize">{label ? pick(label) : status}</span>
      <SaveIndicator />
      <div className="mx-2 h-5 w-px bg-slate-200" />
      <HistoryButtons />
      <LayoutButton />
      <div className="ml-auto flex items-center gap-2">
        <button type="button" className={btn} data-testid="validate" onClick={validate}>{t('designer.top.validate')}</button>
        <button type="button" className={btn} data-testid="simulate" onClick={() => api.getState().setPanel('simulate')}>{t('designer.top.simulate')}</button>
        <SubmitButton />
      </div>
    </div>
  );
}
