import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../shell/confirm-dialog.js';
import { inputClass } from './ui.js';

/**
 * Asks for the submitter's note before a flow goes for approval (what changed, why, what to check).
 * The note is stored with the submitted revision and shown on the supervisor's approval page.
 */
export function SubmitNoteDialog({ open, name, busy, onSubmit, onCancel }: { open: boolean; name: string; busy?: boolean; onSubmit: (note: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  return (
    <ConfirmDialog
      open={open}
      testId="submit-note-dialog"
      title={t('gov.inbox.submitTitle', { name })}
      confirmLabel={t('designer.top.submit')}
      busy={busy}
      onCancel={onCancel}
      onConfirm={() => onSubmit(note.trim())}
    >
      <label className="block">
        <span className="mb-1 block text-slate-600">{t('gov.inbox.submitNote')}</span>
        <textarea name="submit-note" rows={4} maxLength={2000} className={inputClass} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
    </ConfirmDialog>
  );
}
