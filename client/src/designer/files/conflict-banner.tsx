import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { localMessage } from '../../governance/ui.js';
import { useLang } from '../../i18n/index.js';
import { trpc } from '../../trpc.js';
import { useDesigner, useDesignerApi } from '../store/context.js';
import type { LoadedFlow } from '../types.js';
import { autosaver } from './use-autosave.js';

/** Shown when a save hit a newer revision: take theirs, or keep mine as a new flow. Never a silent overwrite. */
export function ConflictBanner() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const api = useDesignerApi();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const { state, message } = useDesigner((s) => ({ state: s.saveState, message: s.saveError }));
  const copy = trpc.flows.create.useMutation({ onSuccess: (r) => void navigate(`/designer/${r.id}`) });
  if (state !== 'conflict') return null;

  const reload = async () => {
    const flow = (await utils.client.flows.get.query({ id: api.getState().flow!.id })) as LoadedFlow;
    autosaver()?.markSaved(flow.document);
    api.getState().loadDocument(flow.document);
    api.getState().setSave({ flow: { id: flow.id, revision: flow.revision, status: flow.status, ownerId: flow.ownerId, orgUnit: flow.orgUnit, readOnly: !flow.canEdit }, saveState: 'saved', saveError: null });
  };
  const keepMine = () => {
    const doc = api.getState().doc;
    copy.mutate({ document: doc, name: `${doc.name} ${t('designer.conflict.copySuffix')}`.slice(0, 120) });
  };
  return (
    <div role="alert" data-testid="conflict-banner" className="flex shrink-0 items-center gap-3 border-b border-danger/30 bg-red-50 px-4 py-2 text-[13px] text-danger">
      <span className="font-semibold">{t('designer.conflict.title')}</span>
      <span className="min-w-0 flex-1 truncate text-red-700" title={localMessage(message ?? '', lang)}>{t('designer.conflict.body')}</span>
      <button type="button" data-testid="conflict-reload" onClick={() => void reload()} className="rounded-md border border-danger/40 bg-white px-3 py-1 hover:bg-red-100">{t('designer.conflict.reload')}</button>
      <button type="button" data-testid="conflict-copy" disabled={copy.isPending} onClick={keepMine} className="rounded-md bg-danger px-3 py-1 font-medium text-white hover:bg-red-700">{t('designer.conflict.keepMine')}</button>
    </div>
  );
}
