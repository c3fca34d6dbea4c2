import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EVENT_LABELS, type LifecycleEvent } from '../../../shared/governance/lifecycle.js';
import { useLang } from '../i18n/index.js';
import { ConfirmDialog } from '../shell/confirm-dialog.js';
import { trpc } from '../trpc.js';
import { ForecastSummary } from './forecast-panel.js';
import { Button, ErrorText, inputClass, localMessage } from './ui.js';

export type FlowAction = Exclude<LifecycleEvent, 'edit'>;
const TONE: Partial<Record<FlowAction, 'primary' | 'danger'>> = { submit: 'primary', approve: 'primary', publish: 'primary', reject: 'danger', stop: 'danger' };

/**
 * How each action is confirmed. Publish, pause, stop and archive change what customers receive, so
 * they say what will happen first; approve, reject and submit take a comment (required to reject).
 * Withdraw, resume and complete change nothing a customer sees and run at once.
 */
const ASK: Partial<Record<FlowAction, { body?: string; comment?: { label: string; required?: boolean }; tone?: 'primary' | 'danger'; confirm?: string; title?: string }>> = {
  publish: { title: 'gov.confirm.publishTitle', body: 'gov.confirm.publishBody', confirm: 'gov.confirm.publish' },
  pause: { title: 'gov.confirm.pauseTitle', body: 'gov.confirm.pauseBody', confirm: 'gov.confirm.pause' },
  stop: { title: 'gov.confirm.stopTitle', body: 'gov.confirm.stopBody', confirm: 'gov.confirm.stop', tone: 'danger', comment: { label: 'gov.inbox.stopComment' } },
  archive: { title: 'gov.confirm.archiveTitle', body: 'gov.confirm.archiveBody', confirm: 'gov.confirm.archive', tone: 'danger' },
  approve: { title: 'gov.inbox.approveTitle', comment: { label: 'gov.inbox.approveComment' } },
  reject: { tone: 'danger', comment: { label: 'gov.inbox.rejectComment', required: true } },
  submit: { title: 'gov.inbox.submitTitle', comment: { label: 'gov.inbox.submitNote' } },
};

export interface FlowActionsProps {
  flowId: string;
  /** The flow's name, for the dialogs' titles. */
  name: string;
  actions: string[];
  compact?: boolean;
  /** Told after the server applied an action, so the page can say what happened. */
  onDone?: (event: FlowAction) => void;
}

/**
 * Lifecycle buttons for one flow: exactly the events the server says this user may apply now.
 * Every click goes to the server, which re-checks roles, unit, four-eyes and the state machine.
 */
export function FlowActions({ flowId, name, actions, compact, onDone }: FlowActionsProps) {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const utils = trpc.useUtils();
  const [pending, setPending] = useState<FlowAction | null>(null);
  const [error, setError] = useState<{ message: string } | null>(null);
  const [asking, setAsking] = useState<FlowAction | null>(null);
  const [comment, setComment] = useState('');

  const run = async (event: FlowAction, text = '') => {
    setPending(event);
    setError(null);
    try {
      await utils.client.governance[event].mutate({ flowId, comment: text.trim() || undefined });
      setAsking(null);
      setComment('');
      await utils.governance.invalidate();
      onDone?.(event);
    } catch (e) {
      setError(e as { message: string });
    } finally {
      setPending(null);
    }
  };
  const close = () => { setAsking(null); setError(null); setComment(''); };

  const shown = actions.filter((a): a is FlowAction => a !== 'edit' && (!compact || a !== 'complete'));
  const ask = asking ? ASK[asking] : undefined;
  const label = (a: FlowAction) => pick(EVENT_LABELS[a]);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {shown.map((a) => (
        <Button key={a} data-testid={`action-${a}`} tone={TONE[a] ?? 'plain'} disabled={pending !== null} onClick={() => (ASK[a] ? setAsking(a) : void run(a))}>
          {label(a)}
        </Button>
      ))}
      {!asking && <ErrorText error={error} />}
      {asking && ask && (
        <ConfirmDialog
          open
          testId={`confirm-${asking}`}
          title={ask.title ? t(ask.title, { name }) : lang === 'zh' ? `${label(asking)}「${name}」` : `${label(asking)} "${name}"`}
          confirmLabel={ask.confirm ? t(ask.confirm) : label(asking)}
          tone={ask.tone ?? TONE[asking] ?? 'primary'}
          busy={pending !== null}
          confirmDisabled={ask.comment?.required === true && !comment.trim()}
          error={error ? localMessage(error.message, lang) : null}
          onCancel={close}
          onConfirm={() => void run(asking, comment)}
        >
          {ask.body && <p className="mb-3">{t(ask.body)}</p>}
          {asking === 'publish' && <ForecastSummary flowId={flowId} />}
          {ask.comment && (
            <label className="block">
              <span className="mb-1 block text-slate-600">{t(ask.comment.label)}</span>
              <textarea name="comment" rows={4} maxLength={2000} className={inputClass} value={comment} onChange={(e) => setComment(e.target.value)} aria-required={ask.comment.required} />
            </label>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}
