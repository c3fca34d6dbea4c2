import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLang } from '../../i18n/index.js';
import { trpc } from '../../trpc.js';
import { Dialog } from './dialog.js';
import { localMessage } from '../../governance/ui.js';

/** Open a template from `flows/`: it becomes a new draft flow of the user's unit. */
export function TemplatesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { pick, lang } = useLang();
  const navigate = useNavigate();
  const list = trpc.flows.templates.useQuery();
  const create = trpc.flows.create.useMutation({ onSuccess: (r) => { onClose(); void navigate(`/designer/${r.id}`); } });
  return (
    <Dialog title={t('designer.files.templates')} onClose={onClose} testId="templates-dialog">
      {list.isLoading && <p className="text-slate-500">{t('common.loading')}</p>}
      {list.data?.length === 0 && <p className="text-slate-500">{t('designer.files.noTemplates')}</p>}
      {create.error && <p role="alert" className="mb-3 text-danger">{localMessage(create.error.message, lang)}</p>}
      <ul className="grid grid-cols-2 gap-3">
        {list.data?.map((tpl) => (
          <li key={tpl.file}>
            {tpl.ok ? (
              <button type="button" disabled={create.isPending} onClick={() => create.mutate({ template: tpl.file })} data-testid={`template-${tpl.file}`}
                className="flex h-full w-full flex-col items-start gap-1 rounded-lg border border-slate-200 p-3 text-left hover:border-brand-500 hover:bg-brand-50">
                <span className="font-medium text-slate-800">{tpl.name}</span>
                <span className="line-clamp-2 text-xs text-slate-500">{tpl.description}</span>
                <span className="mt-auto text-[11px] text-slate-400">{[tpl.category, t('designer.files.nodeCount', { count: tpl.nodes })].filter(Boolean).join(' · ')}</span>
              </button>
            ) : (
              <div className="rounded-lg border border-dashed border-danger/50 p-3 text-xs text-danger">{tpl.file}: {pick(tpl.problem)}</div>
            )}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
