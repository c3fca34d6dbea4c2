import { LayoutTemplate, Plus } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { trpc } from '../../trpc.js';
import { FlowPicker } from './flow-picker.js';
import { TemplatesDialog } from './templates-dialog.js';
import { localMessage } from '../../governance/ui.js';
import { useLang } from '../../i18n/index.js';

/**
 * The designer with no flow open: start blank, start from a template, or open a recent flow.
 * Nothing is created until the user picks one of these (landing here never creates a flow).
 */
export function StartScreen({ canWrite, problem }: { canWrite: boolean; problem?: string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const navigate = useNavigate();
  const [templates, setTemplates] = useState(false);
  const create = trpc.flows.create.useMutation({ onSuccess: (r) => void navigate(`/designer/${r.id}`) });
  return (
    <div className="h-full overflow-y-auto bg-slate-50" data-testid="designer-start">
      <div className="mx-auto max-w-4xl px-8 py-10">
        <h1 className="text-xl font-semibold text-slate-900">{t('designer.start.title')}</h1>
        <p className="mt-1 text-sm text-slate-500">{t(canWrite ? 'designer.start.subtitle' : 'designer.start.readOnly')}</p>
        {problem && <p role="alert" className="mt-4 rounded-md border border-danger/30 bg-red-50 px-3 py-2 text-sm text-danger">{localMessage(problem, lang)}</p>}
        {create.error && <p role="alert" className="mt-4 text-sm text-danger">{localMessage(create.error.message, lang)}</p>}
        {canWrite && (
          <div className="mt-6 grid grid-cols-2 gap-4">
            <StartCard icon={<Plus className="size-5" />} title={t('designer.start.blank')} hint={t('designer.start.blankHint')} testId="start-blank"
              disabled={create.isPending} onClick={() => create.mutate({ name: t('designer.untitled') })} />
            <StartCard icon={<LayoutTemplate className="size-5" />} title={t('designer.start.template')} hint={t('designer.start.templateHint')} testId="start-template" onClick={() => setTemplates(true)}>
              <Link to="/templates" className="mt-2 inline-block rounded text-xs text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-500">
                {t('designer.start.gallery')}
              </Link>
            </StartCard>
          </div>
        )}
        <div className="mt-8">
          <FlowPicker limit={8} title={t('designer.start.recent')} />
        </div>
      </div>
      {templates && <TemplatesDialog onClose={() => setTemplates(false)} />}
    </div>
  );
}

function StartCard({ icon, title, hint, testId, onClick, disabled, children }: {
  icon: ReactNode; title: string; hint: string; testId: string; onClick: () => void; disabled?: boolean; children?: ReactNode;
}) {
  return (
    <div className="flex flex-col rounded-xl border border-slate-200 bg-white p-5 shadow-xs">
      <button type="button" data-testid={testId} disabled={disabled} onClick={onClick}
        className="flex items-start gap-3 rounded-lg text-left focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-brand-500 disabled:opacity-50">
        <span aria-hidden className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-brand-700">{icon}</span>
        <span>
          <span className="block text-[15px] font-medium text-slate-900 hover:text-brand-700">{title}</span>
          <span className="mt-0.5 block text-[13px] leading-5 text-slate-500">{hint}</span>
        </span>
      </button>
      {children && <div className="pl-[52px]">{children}</div>}
    </div>
  );
}
