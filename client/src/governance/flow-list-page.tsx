import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FLOW_STATUSES, STATUS_LABELS, type FlowStatus } from '../../../shared/governance/lifecycle.js';
import { useLang } from '../i18n/index.js';
import { useSession } from '../lib/session-store.js';
import { trpc } from '../trpc.js';
import { CatalogueDriftBadge } from '../admin/catalogue-drift.js';
import { FlowActions } from './flow-actions.js';
import { AddCaseDialog } from './add-case-dialog.js';
import { PublishTemplateDialog } from './publish-template-dialog.js';
import { ErrorText, PageHeader, StatusBadge, formatTime, statusLabel, inputClass, selectClass, unitName } from './ui.js';

/** Every flow the user may see, filtered by status, owner and name; lifecycle buttons per row. */
export function FlowListPage() {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const user = useSession((s) => s.user);
  const [status, setStatus] = useState<FlowStatus | ''>('');
  const [ownerId, setOwnerId] = useState<number | ''>('');
  const [search, setSearch] = useState('');
  const [asTemplate, setAsTemplate] = useState<string | null>(null);
  const [caseFor, setCaseFor] = useState<string | null>(null);
  const owners = trpc.governance.owners.useQuery();
  const flows = trpc.governance.list.useQuery({ status: status ? [status] : undefined, ownerId: ownerId === '' ? undefined : ownerId, search: search || undefined });
  const isTrainer = !!user?.roles.includes('trainer');

  return (
    <div className="h-full overflow-auto p-6" data-testid="flow-list">
      <PageHeader title={t('gov.list.title')}>
        <input aria-label={t('gov.list.search')} placeholder={t('gov.list.search')} className={`${inputClass} max-w-56`} value={search} onChange={(e) => setSearch(e.target.value)} />
        <select aria-label={t('gov.list.status')} className={selectClass} value={status} onChange={(e) => setStatus(e.target.value as FlowStatus | '')}>
          <option value="">{t('gov.list.allStatuses')}</option>
          {FLOW_STATUSES.map((s) => <option key={s} value={s}>{statusLabel(s, lang)}</option>)}
        </select>
        <select aria-label={t('gov.list.owner')} className={selectClass} value={ownerId} onChange={(e) => setOwnerId(e.target.value ? Number(e.target.value) : '')}>
          <option value="">{t('gov.list.allOwners')}</option>
          {owners.data?.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
        </select>
      </PageHeader>
      <ErrorText error={flows.error} />
      <div className="overflow-hidden rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-500">
            <tr>
              <th className="px-4 py-2 font-medium">{t('gov.list.name')}</th>
              <th className="px-4 py-2 font-medium">{t('gov.list.unit')}</th>
              <th className="px-4 py-2 font-medium">{t('gov.list.owner')}</th>
              <th className="px-4 py-2 font-medium">{t('gov.list.status')}</th>
              <th className="px-4 py-2 font-medium">{t('gov.list.updated')}</th>
              <th className="px-4 py-2 font-medium">{t('gov.list.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {flows.data?.map((f) => (
              <tr key={f.id} className="border-t border-slate-100 align-middle" data-testid={`flow-row-${f.id}`}>
                <td className="px-4 py-2">
                  <Link to={`/designer/${f.id}`} className="font-medium text-brand-700 hover:underline" title={t('gov.list.open')}>{f.name}</Link>
                  <div className="text-xs text-slate-400">{f.id}</div>
                </td>
                <td className="px-4 py-2 text-slate-600">{unitName(f.orgUnit, lang)}</td>
                <td className="px-4 py-2 text-slate-600">{f.ownerName}</td>
                <td className="px-4 py-2">
                  <div className="flex flex-wrap items-center gap-1">
                    <StatusBadge status={f.status} />
                    <CatalogueDriftBadge flowId={f.id} />
                    {f.liveVersion !== null && f.runStatus && f.runStatus !== f.status && (
                      <span className="text-xs text-slate-500">{t('gov.list.live', { v: f.liveVersion })} · {pick(STATUS_LABELS[f.runStatus])}</span>
                    )}
                  </div>
                </td>
                <td className="px-4 py-2 whitespace-nowrap text-slate-500">{formatTime(f.updatedAt, lang)}</td>
                <td className="px-4 py-2">
                  <div className="flex flex-wrap items-center gap-2">
                    <FlowActions flowId={f.id} name={f.name} actions={f.actions} compact />
                    {f.fromTemplate && f.runStatus === 'completed' && !user?.roles.every((r) => r === 'agent' || r === 'admin') && <button type="button" className="text-sm text-brand-700 hover:underline" onClick={() => setCaseFor(f.id)}>{t('gov.templates.addCase')}</button>}
                    {isTrainer && <button type="button" className="text-sm text-brand-700 hover:underline" onClick={() => setAsTemplate(f.id)}>{t('gov.list.asTemplate')}</button>}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {flows.data && flows.data.length === 0 && <p className="p-6 text-center text-slate-400">{t('gov.list.empty')}</p>}
      </div>
      {flows.data && <p className="mt-2 text-xs text-slate-400">{t('gov.list.count', { n: flows.data.length })}</p>}
      {caseFor && <AddCaseDialog flowId={caseFor} onClose={() => setCaseFor(null)} />}
      {asTemplate && <PublishTemplateDialog flowId={asTemplate} onClose={() => setAsTemplate(null)} />}
    </div>
  );
}
