import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../trpc.js';
import { useLang } from '../i18n/index.js';
import { Button, ErrorText, Field, inputClass, localMessage, PageHeader, selectClass } from '../governance/ui.js';
import { ImportJobs } from './import-jobs.js';
import { ImportMapping, mappingProblems, type ColumnChoice } from './import-mapping.js';
import { ImportProgress } from './import-progress.js';
import { formatBytes, uploadFile } from './import-upload.js';
import { unitLevel } from '../../../shared/catalogue/org.js';
import { useSession } from '../lib/session-store.js';

const DATASETS = ['subscribers', 'products', 'optout', 'dnd', 'exclusion'] as const;
type Dataset = (typeof DATASETS)[number];
type Encoding = 'auto' | 'utf8' | 'gbk';

interface Uploaded { id: string; name: string; size: number }

/**
 * 数据导入 (#18 item 3): pick a data set, upload a CSV in chunks, map its columns to attributes over a
 * preview of its first rows, choose upsert or replace (or a dry run), then watch the job and read its outcome.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const utils = trpc.useUtils();
  const [dataset, setDataset] = useState<Dataset>('subscribers');
  // A district admin imports their district's customers only, so the file needs a district column.
  const district = unitLevel(useSession((st) => st.user?.orgUnit) ?? '') === 'district';
  const [list, setList] = useState('');
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [uploaded, setUploaded] = useState<Uploaded | null>(null);
  const [sending, setSending] = useState<{ sent: number; total: number } | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [choice, setChoice] = useState<ColumnChoice>({});
  const [mode, setMode] = useState<'upsert' | 'replace'>('upsert');
  const [dryRun, setDryRun] = useState(false);
  const [job, setJob] = useState<{ id: string; dryRun: boolean } | null>(null);
  const upload = trpc.data.upload.useMutation();
  const preview = trpc.data.preview.useQuery({ uploadId: uploaded?.id ?? '', dataset, encoding }, { enabled: !!uploaded, retry: false });
  const start = trpc.data.start.useMutation({ onSuccess: () => void utils.data.jobs.invalidate() });

  // a fresh preview (new file, data set or encoding) starts from the names that match
  useEffect(() => {
    if (preview.data) setChoice(Object.fromEntries(preview.data.header.map((h) => [h, preview.data.suggested[h] ?? ''])));
  }, [preview.data]);

  const reset = () => {
    setUploaded(null);
    setJob(null);
    setChoice({});
    start.reset();
  };
  const pickFile = async (file: File | undefined) => {
    if (!file) return;
    reset();
    setUploadError(null);
    setSending({ sent: 0, total: file.size });
    try {
      const id = await uploadFile(file, (input) => upload.mutateAsync(input), (sent) => setSending({ sent, total: file.size }));
      setUploaded({ id, name: file.name, size: file.size });
    } catch (e) {
      setUploadError(t('dataImport.uploadFailed', { message: localMessage(e instanceof Error ? e.message : String(e), lang) }));
    } finally {
      setSending(null);
    }
  };
  const run = (dry: boolean) => {
    if (!uploaded) return;
    const columns = Object.fromEntries(Object.entries(choice).filter(([, key]) => key));
    start.mutate(
      { dataset, uploadId: uploaded.id, fileName: uploaded.name, mapping: { columns }, mode, dryRun: dry, encoding, ...(dataset === 'exclusion' ? { list: list.trim() } : {}) },
      { onSuccess: (r) => setJob({ id: r.jobId, dryRun: dry }) },
    );
  };
  const problems = preview.data ? mappingProblems(preview.data, choice, pick) : null;
  const ready = !!preview.data && problems!.missing.length === 0 && problems!.twice.length === 0 && (dataset !== 'exclusion' || list.trim() !== '');
  const locked = !!job || !!sending;

  return (
    <div className="max-w-6xl space-y-6 p-6" data-testid="import-page">
      <PageHeader title={t('dataImport.title')} />
      <div className="grid gap-4 md:grid-cols-3">
        <Field label={t('dataImport.dataset.label')}>
          <select className={`${selectClass} w-full`} value={dataset} disabled={locked} data-testid="import-dataset" onChange={(e) => { setDataset(e.target.value as Dataset); setJob(null); }}>
            {DATASETS.map((d) => <option key={d} value={d}>{t(`dataImport.dataset.${d}`)}</option>)}
          </select>
        </Field>
        {dataset === 'exclusion' && (
          <Field label={t('dataImport.list')}>
            <input className={inputClass} value={list} maxLength={100} data-testid="import-list" placeholder={t('dataImport.listPlaceholder')} disabled={locked} onChange={(e) => setList(e.target.value)} />
          </Field>
        )}
        <Field label={t('dataImport.encoding.label')}>
          <select className={`${selectClass} w-full`} value={encoding} disabled={locked || preview.data?.format === 'parquet'} data-testid="import-encoding" onChange={(e) => setEncoding(e.target.value as Encoding)}>
            {(['auto', 'utf8', 'gbk'] as const).map((x) => <option key={x} value={x}>{t(`dataImport.encoding.${x}`)}</option>)}
          </select>
        </Field>
      </div>
      <p className="text-sm text-slate-500" data-testid="import-hint">{t(`dataImport.dataset.hint.${dataset === 'subscribers' && district ? 'subscribersDistrict' : dataset}`)}</p>

      <div className="space-y-1">
        <label className="inline-flex cursor-pointer items-center gap-3">
          <span className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50">{t('dataImport.file')}</span>
          <input type="file" accept=".csv,text/csv,.parquet" className="sr-only" data-testid="import-file" disabled={locked}
            onChange={(e) => { void pickFile(e.target.files?.[0]); e.target.value = ''; }} />
          <span className="text-xs text-slate-500">{t('dataImport.fileHint')}</span>
        </label>
        {sending && (
          <div className="max-w-md" data-testid="import-uploading">
            <p className="text-xs text-slate-500">{t('dataImport.uploading', { done: formatBytes(sending.sent), total: formatBytes(sending.total) })}</p>
            <div className="h-1.5 rounded-full bg-slate-100"><div className="h-full rounded-full bg-brand-600" style={{ width: `${(100 * sending.sent) / Math.max(1, sending.total)}%` }} /></div>
          </div>
        )}
        {uploaded && (
          <p className="text-sm text-slate-700" data-testid="import-uploaded">
            {t('dataImport.uploaded', { name: uploaded.name, size: formatBytes(uploaded.size) })}
            {preview.data && <span className="ml-3 text-slate-500" data-testid="import-format">{preview.data.format === 'parquet' ? t('dataImport.encoding.parquet') : t('dataImport.encoding.detected', { enc: t(`dataImport.encoding.${preview.data.encoding}`) })}</span>}
          </p>
        )}
        {uploadError && <p role="alert" className="text-sm text-danger">{uploadError}</p>}
        <ErrorText error={preview.error} />
      </div>

      {preview.data && <ImportMapping preview={preview.data} choice={choice} onChange={setChoice} />}

      {preview.data && !job && (
        <section className="space-y-3">
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">{t('dataImport.mode.label')}</legend>
            {(['upsert', 'replace'] as const).map((m) => (
              <label key={m} className="flex items-start gap-2 text-sm">
                <input type="radio" name="import-mode" className="mt-1" checked={mode === m} onChange={() => setMode(m)} data-testid={`import-mode-${m}`} />
                <span><span className="font-medium text-slate-800">{t(`dataImport.mode.${m}`)}</span><span className="ml-2 text-slate-500" data-testid={`import-mode-${m}-hint`}>{t(`dataImport.mode.${m}${dataset === 'subscribers' ? '' : 'List'}Hint`)}</span></span>
              </label>
            ))}
            {mode === 'replace' && (
              <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" role="alert" data-testid="import-replace-warning">
                {t(dataset === 'subscribers' ? 'dataImport.mode.replaceWarn' : 'dataImport.mode.listReplaceWarn')}
              </p>
            )}
          </fieldset>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid="import-dry-run" />
            {t('dataImport.dryRun')}
          </label>
          <Button tone={mode === 'replace' && !dryRun ? 'danger' : 'primary'} disabled={!ready || start.isPending} onClick={() => run(dryRun)} data-testid="import-start">
            {t(dryRun ? 'dataImport.startDry' : 'dataImport.start')}
          </Button>
          {/* the start button is disabled until the list has a name: say so next to it */}
          {dataset === 'exclusion' && list.trim() === '' && <p className="text-sm text-amber-700" data-testid="import-list-missing">{t('dataImport.listMissing')}</p>}
          <ErrorText error={start.error} />
        </section>
      )}

      {job && preview.data && (
        <>
          <ImportProgress key={job.id} jobId={job.id} estimatedRows={preview.data.estimatedRows} fileName={uploaded?.name ?? ''} />
          <FollowUp jobId={job.id} dry={job.dryRun} onAgain={() => run(false)} onNew={reset} pending={start.isPending} />
          <ErrorText error={start.error} />
        </>
      )}

      <ImportJobs />
    </div>
  );
}

/** After a job ends: a passed dry run can be imported for real from the same upload; any end allows a new file. */
function FollowUp({ jobId, dry, onAgain, onNew, pending }: { jobId: string; dry: boolean; onAgain: () => void; onNew: () => void; pending: boolean }) {
  const { t } = useTranslation();
  const s = trpc.data.status.useQuery({ jobId }).data;
  if (!s || s.status === 'running') return null;
  return (
    <div className="flex gap-2">
      {dry && s.status === 'succeeded' && <Button tone="primary" disabled={pending} onClick={onAgain} data-testid="import-again">{t('dataImport.again')}</Button>}
      <Button onClick={onNew} data-testid="import-new">{t('dataImport.newImport')}</Button>
    </div>
  );
}
