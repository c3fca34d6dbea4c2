import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STATUS_LABELS, type FlowStatus } from '../../../shared/governance/lifecycle.js';
import { t as text, type Text } from '../../../shared/text.js';
import { DateInput } from '../lib/date-input.js';
import { fromZonedInput } from '../lib/time.js';
import { useLang } from '../i18n/index.js';
import { trpc } from '../trpc.js';
import { Button, ErrorText, PageHeader, formatTime, inputClass, selectClass } from './ui.js';

const PAGE = 50;
type Entity = '' | 'flow' | 'user' | 'template';

/**
 * The filter's days as the moments they start and end in the app's time zone (the log's times show in
 * it): a bare date would be a UTC day on the server, eight hours off what the table shows.
 */
function dayBounds(from: string, to: string): { from?: string; to?: string } {
  const start = from ? fromZonedInput(`${from}T00:00`) : null;
  const end = to ? fromZonedInput(`${to}T23:59:59`) : null;
  return { ...(start !== null ? { from: new Date(start).toISOString() } : {}), ...(end !== null ? { to: new Date(end + 999).toISOString() } : {}) };
}

/** The append-only audit log with filters by action, user, object and date. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const { lang } = useLang();
  const [action, setAction] = useState('');
  const [userId, setUserId] = useState<number | ''>('');
  const [entity, setEntity] = useState<Entity>('');
  const [entityId, setEntityId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const actions = trpc.audit.actions.useQuery();
  const users = trpc.audit.users.useQuery();
  const log = trpc.audit.list.useQuery({ action: action || undefined, userId: userId === '' ? undefined : userId, entity: entity || undefined, entityId: entityId || undefined, ...dayBounds(from, to), limit: PAGE, offset });
  const actionLabel = (a: string) => (i18n.exists(`gov.actions.${a}`) ? t(`gov.actions.${a}` as 'gov.actions.flow.submit') : a);
  const reset = <T,>(set: (v: T) => void) => (v: T) => { set(v); setOffset(0); };

  return (
    <div className="h-full overflow-auto p-6" data-testid="audit-page">
      <PageHeader title={t('gov.audit.title')}>
        <select aria-label={t('gov.audit.action')} className={selectClass} value={action} onChange={(e) => reset(setAction)(e.target.value)}>
          <option value="">{t('gov.audit.allActions')}</option>
          {actions.data?.map((a) => <option key={a} value={a}>{actionLabel(a)}</option>)}
        </select>
        <select aria-label={t('gov.audit.user')} className={selectClass} value={userId} onChange={(e) => reset(setUserId)(e.target.value ? Number(e.target.value) : '')}>
          <option value="">{t('gov.audit.allUsers')}</option>
          {users.data?.map((u) => <option key={u.id} value={u.id}>{u.displayName} ({u.username})</option>)}
        </select>
        <select aria-label={t('gov.audit.entity')} className={selectClass} value={entity} onChange={(e) => reset(setEntity)(e.target.value as Entity)}>
          <option value="">{t('gov.audit.allEntities')}</option>
          <option value="flow">{t('gov.audit.entityFlow')}</option>
          <option value="user">{t('gov.audit.entityUser')}</option>
          <option value="template">{t('gov.audit.entityTemplate')}</option>
        </select>
        <input aria-label={t('gov.audit.entityId')} placeholder={t('gov.audit.entityId')} className={`${inputClass} max-w-40`} value={entityId} onChange={(e) => reset(setEntityId)(e.target.value)} />
        <span className="flex items-start gap-1" role="group" aria-label={`${t('gov.audit.from')} – ${t('gov.audit.to')}`}>
          <span className="flex flex-col"><DateInput optional label={t('gov.audit.from')} className={`${selectClass} w-32`} value={from} onChange={reset(setFrom)} testId="audit-from" /></span>
          <span className="py-1.5 text-slate-400" aria-hidden>–</span>
          <span className="flex flex-col"><DateInput optional label={t('gov.audit.to')} className={`${selectClass} w-32`} value={to} onChange={reset(setTo)} testId="audit-to" /></span>
        </span>
      </PageHeader>
      <ErrorText error={log.error} />
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-500">
            <tr>{(['at', 'user', 'action', 'entity', 'detail'] as const).map((k) => <th key={k} className="px-4 py-2 font-medium">{t(`gov.audit.${k}`)}</th>)}</tr>
          </thead>
          <tbody>
            {log.data?.rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="audit-row">
                <td className="px-4 py-2 whitespace-nowrap text-slate-500">{formatTime(r.at, lang)}</td>
                <td className="px-4 py-2">{r.displayName ?? '—'} <span className="text-xs text-slate-400">{r.username}</span></td>
                <td className="px-4 py-2 font-medium" data-action={r.action}>{actionLabel(r.action)}</td>
                <td className="px-4 py-2 text-slate-600">{t(`gov.audit.entity${r.entity[0]!.toUpperCase()}${r.entity.slice(1)}` as 'gov.audit.entityFlow')} <code className="text-xs">{r.entityId}</code></td>
                <td className="max-w-md px-4 py-2 text-xs break-all text-slate-500"><Detail detail={r.detail} /></td>
              </tr>
            ))}
          </tbody>
        </table>
        {log.data?.rows.length === 0 && <p className="p-6 text-center text-slate-400">{t('gov.audit.empty')}</p>}
      </div>
      {log.data && (
        <div className="mt-3 flex items-center gap-3 text-sm text-slate-500">
          <span data-testid="audit-total">{t('gov.audit.total', { n: log.data.total })}</span>
          <Button disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('gov.audit.prev')}</Button>
          <Button disabled={offset + PAGE >= log.data.total} onClick={() => setOffset(offset + PAGE)}>{t('gov.audit.next')}</Button>
        </div>
      )}
    </div>
  );
}

/** The detail keys the flow and template actions write, in words; any other key shows as written. */
const DETAIL_KEYS: Record<string, Text> = {
  revision: text('修订', 'revision'), version: text('版本', 'version'), hash: text('指纹', 'fingerprint'), runStarted: text('已启动运行', 'run started'),
  runId: text('运行', 'run'), template: text('模板', 'template'), flowId: text('流程', 'flow'), file: text('文件', 'file'), via: text('来源', 'via'),
};
const YES = text('是', 'yes');
const NO = text('否', 'no');

/** A status change reads "待审批 → 已驳回"; the comment is quoted; the rest is key: value. */
function Detail({ detail }: { detail: Record<string, unknown> }) {
  const { pick } = useLang();
  const { from, to, comment, ...rest } = detail;
  const label = (s: unknown) => (typeof s === 'string' && s in STATUS_LABELS ? pick(STATUS_LABELS[s as FlowStatus]) : String(s));
  const value = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'boolean' ? pick(v ? YES : NO) : v === null ? '—' : JSON.stringify(v));
  return (
    <>
      {from !== undefined && to !== undefined && <span className="mr-2 font-medium text-slate-700">{label(from)} → {label(to)}</span>}
      {typeof comment === 'string' && <span className="mr-2 text-slate-700">“{comment}”</span>}
      {Object.entries(rest).map(([k, v]) => `${DETAIL_KEYS[k] ? pick(DETAIL_KEYS[k]) : k}: ${value(v)}`).join(' · ')}
    </>
  );
}
