import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { STATUS_LABELS } from '../../../shared/governance/lifecycle.js';
import { useLang } from '../i18n/index.js';
import { trpc } from '../trpc.js';
import { ConflictsPanel } from './conflicts-panel.js';
import { DecisionBanner, type Decision } from './decision-banner.js';
import { DiffView } from './diff-view.js';
import { FlowActions, type FlowAction } from './flow-actions.js';
import { ForecastSummary } from './forecast-panel.js';
import { CatalogueDriftBanner } from '../admin/catalogue-drift.js';
import { ErrorText, StatusBadge, formatTime, unitName } from './ui.js';

/** Actions after which the page says what happened and offers the next item, rather than moving on by itself. */
const ANNOUNCED: Partial<Record<FlowAction, Decision['what']>> = { approve: 'approved', reject: 'rejected', publish: 'published' };

/** The supervisor's desk: flows of their unit awaiting a decision or a publish, and live runs to control. */
export function ApprovalInboxPage() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const utils = trpc.useUtils();
  const inbox = trpc.governance.inbox.useQuery();
  const [picked, setPicked] = useState<string | null>(null);
  const [decision, setDecision] = useState<Decision | null>(null);
  const selected = picked ?? inbox.data?.[0]?.id ?? null;
  const pick = (id: string) => { setPicked(id); setDecision(null); };

  // Stay on the flow just decided (the inbox re-sorts under it) and say what happened, with the next one to decide.
  const onDone = async (flowId: string, name: string, event: FlowAction) => {
    setPicked(flowId);
    const what = ANNOUNCED[event];
    if (!what) return;
    const fresh = await utils.governance.inbox.fetch();
    const next = fresh.find((f) => f.id !== flowId && f.status === 'submitted') ?? null;
    setDecision({ what, name, next: next && { id: next.id, name: next.name } });
  };

  return (
    <div className="flex h-full min-h-0" data-testid="approval-inbox">
      <aside className="w-80 shrink-0 overflow-auto border-r border-slate-200 bg-white">
        <h1 className="border-b border-slate-100 px-4 py-3 text-base font-semibold">{t('gov.inbox.title')}</h1>
        <ErrorText error={inbox.error} />
        {inbox.data?.length === 0 && <p className="p-4 text-sm text-slate-400">{t('gov.inbox.empty')}</p>}
        <ul>
          {inbox.data?.map((f) => (
            <li key={f.id}>
              <button type="button" data-testid={`inbox-${f.id}`} aria-current={f.id === selected ? 'true' : undefined} onClick={() => pick(f.id)} className={`block w-full border-b border-slate-100 px-4 py-3 text-left hover:bg-slate-50 ${f.id === selected ? 'bg-brand-50' : ''}`}>
                <div className="flex items-center gap-2"><span className="truncate font-medium">{f.name}</span><span className="ml-auto"><StatusBadge status={f.status} /></span></div>
                <div className="mt-0.5 text-xs text-slate-500">{f.ownerName} · {unitName(f.orgUnit, lang)} · {formatTime(f.updatedAt, lang)}</div>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <section className="min-w-0 flex-1 overflow-auto p-6">
        {decision && <DecisionBanner decision={decision} onNext={(id) => pick(id)} onDismiss={() => setDecision(null)} />}
        {selected ? <FlowReview flowId={selected} onDone={onDone} /> : <p className="text-slate-400">{t('gov.inbox.pick')}</p>}
      </section>
    </div>
  );
}

function FlowReview({ flowId, onDone }: { flowId: string; onDone: (flowId: string, name: string, event: FlowAction) => Promise<void> }) {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const detail = trpc.governance.get.useQuery({ flowId });
  const diff = trpc.governance.diff.useQuery({ flowId });
  if (!detail.data) return <ErrorText error={detail.error} />;
  const { flow, reviews, versions, actions, nextVersion } = detail.data;
  const note = flow.status === 'submitted' ? reviews.find((r) => r.decision === 'submitted' && r.revision === flow.revision) : undefined;
  return (
    <div className="mx-auto max-w-5xl" data-testid="flow-review">
      <div className="mb-4 flex flex-wrap items-center gap-3">
        <h2 className="text-xl font-semibold">{flow.name}</h2>
        <StatusBadge status={flow.status} />
        {flow.runStatus && flow.liveVersion !== null && <span className="text-sm text-slate-500" data-testid="run-status">{t('gov.inbox.runStatus', { s: `v${flow.liveVersion} ${pick(STATUS_LABELS[flow.runStatus])}` })}</span>}
        {flow.status !== 'running' && flow.status !== 'paused' && <span className="text-sm text-slate-400">{t('gov.inbox.nextVersion', { v: nextVersion })}</span>}
        <Link to={`/designer/${flow.id}`} className="ml-auto text-sm text-brand-700 hover:underline">{t('gov.inbox.open')}</Link>
      </div>
      <CatalogueDriftBanner flowId={flow.id} />
      {flow.status === 'submitted' && (
        <div className="mb-4 rounded-lg border border-brand-100 bg-brand-50 px-4 py-3 text-sm" data-testid="submit-note">
          <span className="font-medium text-slate-700">{t('gov.inbox.note')}</span>
          {note?.comment ? <span className="ml-2 text-slate-800">“{note.comment}” <span className="text-xs text-slate-500">— {note.userName} · {formatTime(note.at, lang)}</span></span> : <span className="ml-2 text-slate-400">{t('gov.inbox.noNote')}</span>}
        </div>
      )}
      <div className="mb-6 rounded-lg border border-slate-200 bg-slate-50 p-3"><FlowActions flowId={flow.id} name={flow.name} actions={actions} onDone={(e) => onDone(flow.id, flow.name, e)} /></div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <h3 className="mb-2 font-medium text-slate-700">{t('gov.inbox.diffReadable')}</h3>
          {diff.data ? <DiffView diff={diff.data.readable} baseVersion={diff.data.baseVersion} /> : <ErrorText error={diff.error} />}
          <h3 className="mt-6 mb-2 font-medium text-slate-700">{t('gov.inbox.conflicts')}</h3>
          <ConflictsPanel flowId={flow.id} />
        </div>
        <div>
          <h3 className="mb-2 font-medium text-slate-700">{t('gov.inbox.forecast')}</h3>
          <div className="mb-6 rounded-lg border border-slate-200 bg-white p-3"><ForecastSummary flowId={flow.id} conflicts={false} /></div>
          <h3 className="mb-2 font-medium text-slate-700">{t('gov.inbox.history')}</h3>
          <ol className="space-y-2" data-testid="review-history">
            {reviews.map((r) => (
              <li key={r.id} className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm">
                <div className="flex gap-2"><span className="font-medium">{t(`gov.inbox.decisionLabel.${r.decision}`)}</span><span className="text-slate-500">{r.userName}</span><span className="ml-auto text-xs text-slate-400">r{r.revision} · {formatTime(r.at, lang)}</span></div>
                {r.comment && <p className="mt-1 text-slate-700">“{r.comment}”</p>}
              </li>
            ))}
          </ol>
          {versions.length > 0 && (
            <>
              <h3 className="mt-6 mb-2 font-medium text-slate-700">{t('gov.inbox.versions')}</h3>
              <ul className="space-y-1 text-sm">
                {versions.map((v) => <li key={v.version} className="text-slate-600">v{v.version} · {v.createdBy} · {formatTime(v.createdAt, lang)} · <code className="text-xs text-slate-400">{v.hash}</code></li>)}
              </ul>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
