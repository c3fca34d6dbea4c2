import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EVENT_LABELS, type LifecycleEvent } from '../../../shared/governance/lifecycle.js';
import { useLang } from '../i18n/index.js';
import { trpc } from '../trpc.js';
import { Button, Dialog, ErrorText, Field, inputClass } from './ui.js';

type Action = Exclude<LifecycleEvent, 'edit'>;
const TONE: Partial<Record<Action, 'primary' | 'danger'>> = { submit: 'primary', approve: 'primary', publish: 'primary', reject: 'danger', stop: 'danger' };
/** Events that ask for a comment first (required for reject). */
const ASKS_COMMENT: Action[] = ['reject', 'stop'];

/**
 * Lifecycle buttons for one flow: exactly the events the server says this user may apply now.
 * Every click goes to the server, which re-checks roles, unit, four-eyes and the state machine.
 */
export function FlowActions({ flowId, actions, compact }: { flowId: string; actions: string[]; compact?: boolean }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const utils = trpc.useUtils();
  const [pending, setPending] = useState<Action | null>(null);
  const [error, setError] = useState<{ message: string } | null>(null);
  const [asking, setAsking] = useState<Action | null>(null);
  const [comment, setComment] = useState('');

  const run = async (event: Action, text = '') => {
    setPending(event);
    setError(null);
    try {
      await utils.client.governance[event].mutate({ flowId, comment: text || undefined });
      setAsking(null);
      setComment('');
      await utils.governance.invalidate();
    } catch (e) {
      setError(e as { message: string });
    } finally {
      setPending(null);
    }
  };

  const shown = actions.filter((a): a is Action => a !== 'edit' && (!compact || a !== 'complete'));
  return (
    <div className="flex flex-wrap items-center gap-2">
      {shown.map((a) => (
        <Button key={a} data-testid={`action-${a}`} tone={TONE[a] ?? 'plain'} disabled={pending !== null} onClick={() => (ASKS_COMMENT.includes(a) ? setAsking(a) : void run(a))}>
          {pick(EVENT_LABELS[a])}
        </Button>
      ))}
      {!asking && <ErrorText error={error} />}
      {asking && (
        <Dialog title={`${pick(EVENT_LABELS[asking])} · ${flowId}`} onClose={() => setAsking(null)}>
          <Field label={t('gov.inbox.comment')}>
            <textarea name="comment" rows={4} className={inputClass} value={comment} onChange={(e) => setComment(e.target.value)} autoFocus />
          </Field>
          <ErrorText error={error} />
          <div className="mt-3 flex justify-end gap-2">
            <Button onClick={() => setAsking(null)}>{t('common.cancel')}</Button>
            <Button data-testid="confirm-comment" tone={TONE[asking] ?? 'primary'} disabled={pending !== null || (asking === 'reject' && !comment.trim())} onClick={() => void run(asking, comment)}>
              {pick(EVENT_LABELS[asking])}
            </Button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
