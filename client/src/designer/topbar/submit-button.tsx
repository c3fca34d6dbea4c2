import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SubmitNoteDialog } from '../../governance/submit-note-dialog.js';
import { useSession } from '../../lib/session-store.js';
import { trpc } from '../../trpc.js';
import { autosaver } from '../files/use-autosave.js';
import { useDesigner, useDesignerApi } from '../store/context.js';
import { localMessage } from '../../governance/ui.js';
import { useLang } from '../../i18n/index.js';

/** Submit for approval through governance; saves first, refuses while the validator reports errors. */
export function SubmitButton() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const api = useDesignerApi();
  const isPlanner = useSession((s) => s.user?.roles.includes('planner') ?? false);
  const { flow, errors, saveState } = useDesigner((s) => ({ flow: s.flow, errors: s.issues.filter((i) => i.severity === 'error').length, saveState: s.saveState }));
  const submit = trpc.governance.submit.useMutation();
  const [asking, setAsking] = useState(false);
  const name = useDesigner((s) => s.doc.name);
  const blocked = !isPlanner ? t('designer.top.submitRole') : !flow || flow.readOnly ? t('designer.top.submitReadOnly') : errors > 0 ? t('designer.top.submitErrors', { count: errors }) : saveState === 'conflict' ? t('designer.save.conflict') : null;
  const run = async (note: string) => {
    setAsking(false);
    await autosaver()?.flush();
    const s = api.getState();
    if (!s.flow || s.saveState !== 'saved') return s.notify(t('designer.top.submitNotSaved'), 'error');
    submit.mutate({ flowId: s.flow.id, comment: note || undefined }, {
      onSuccess: (r) => {
        const cur = api.getState();
        cur.setSave({ flow: { ...cur.flow!, status: r.flow.status, readOnly: true } });
        cur.notify(t('designer.top.submitted'));
      },
      onError: (e) => api.getState().notify(localMessage(e.message, lang), 'error'),
    });
  };
  return (
    <>
    <span title={blocked ?? t('designer.top.submitHint')}>
      <button type="button" disabled={!!blocked || submit.isPending} data-testid="submit" onClick={() => setAsking(true)}
        className="rounded-md bg-brand-600 px-3 py-1.5 text-[13px] font-medium text-white hover:bg-brand-700 disabled:opacity-40">
        {t('designer.top.submit')}
      </button>
    </span>
    {/* Outside the span: its tooltip must not cover the dialog. */}
    <SubmitNoteDialog open={asking} name={name} busy={submit.isPending} onSubmit={(note) => void run(note)} onCancel={() => setAsking(false)} />
    </>
  );
}
