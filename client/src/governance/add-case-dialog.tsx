import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../trpc.js';
import { Button, Dialog, ErrorText, Field, inputClass } from './ui.js';

/** Attach a case note (the server adds the run's results) to the template a completed flow came from. */
export function AddCaseDialog({ flowId, onClose }: { flowId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const [note, setNote] = useState('');
  const add = trpc.templates.addCase.useMutation({ onSuccess: () => { void utils.templates.invalidate(); onClose(); } });
  return (
    <Dialog title={t('gov.templates.addCase')} onClose={onClose}>
      <Field label={t('gov.templates.caseNote')}><textarea name="caseNote" rows={4} className={inputClass} value={note} onChange={(e) => setNote(e.target.value)} /></Field>
      <ErrorText error={add.error} />
      <div className="mt-3 flex justify-end gap-2">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button tone="primary" disabled={add.isPending || !note.trim()} onClick={() => add.mutate({ flowId, note })}>{t('gov.templates.addCase')}</Button>
      </div>
    </Dialog>
  );
}
