import { useTranslation } from 'react-i18next';
import { SUBSCRIBER_FIELDS } from '../../../../shared/catalogue/subscriber-fields.js';
import { KPI_LABELS, KPI_METRICS, type EvaluateData } from '../../../../shared/nodes/evaluate/definition.js';
import { useLang } from '../../i18n/index.js';
import { freshId } from '../store/ids.js';
import { inputBase, Field, iconButton, NumberInput, Section, Select, smallButton, TextInput } from './fields.js';
import type { EditorProps } from './node-editors.js';
import { ConditionRow, defaultCondition } from './segment/condition-row.js';

type CustomerEval = Extract<EvaluateData, { mode: 'customer' }>;
type Branch = CustomerEval['branches'][number];
const TEST_KINDS = ['converted', 'responded', 'attribute'] as const;

/** Evaluate: per-customer branches (outcome so far, or an attribute), or a campaign KPI gate. */
export function EvaluateEditor({ data, onChange, readOnly }: EditorProps<EvaluateData>) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const setMode = (mode: EvaluateData['mode']) =>
    onChange(mode === 'kpi' ? { mode, metric: 'conversion_rate', op: 'gte', threshold: 0.05, onFail: 'reroute' } : { mode, branches: [{ id: 'b_converted', label: t('designer.evaluate.converted'), test: { kind: 'converted' } }] });
  return (
    <>
      <Section title={t('designer.evaluate.title')}>
        <Field label={t('designer.evaluate.mode')}>
          {(id) => <Select id={id} value={data.mode} disabled={readOnly} onChange={setMode} testId="evaluate-mode" options={[{ value: 'customer', label: t('designer.evaluate.customer') }, { value: 'kpi', label: t('designer.evaluate.kpi') }]} />}
        </Field>
        {data.mode === 'kpi' && (
          <>
            <Field label={t('designer.evaluate.metric')}>
              {(id) => <Select id={id} value={data.metric} disabled={readOnly} onChange={(metric) => onChange({ ...data, metric })} options={KPI_METRICS.map((m) => ({ value: m, label: pick(KPI_LABELS[m]) }))} />}
            </Field>
            <div className="flex gap-2">
              <Field label={t('designer.evaluate.op')} className="w-20 shrink-0">
                {(id) => <Select id={id} value={data.op} disabled={readOnly} onChange={(op) => onChange({ ...data, op })} options={[{ value: 'gte', label: '≥' }, { value: 'lte', label: '≤' }]} />}
              </Field>
              <Field label={t('designer.evaluate.threshold')} className="flex-1" hint={data.metric.endsWith('_rate') ? t('designer.evaluate.rateHint') : undefined}>
                {(id) => <NumberInput id={id} value={data.threshold} disabled={readOnly} onChange={(threshold) => onChange({ ...data, threshold }, 'threshold')} testId="kpi-threshold" />}
              </Field>
            </div>
            <Field label={t('designer.evaluate.onFail')}>
              {(id) => <Select id={id} value={data.onFail} disabled={readOnly} onChange={(onFail) => onChange({ ...data, onFail })} options={[{ value: 'reroute', label: t('designer.evaluate.reroute') }, { value: 'stop', label: t('designer.evaluate.stop') }]} />}
            </Field>
          </>
        )}
      </Section>
      {data.mode === 'customer' && <Branches data={data} onChange={onChange} readOnly={readOnly} />}
    </>
  );
}

function Branches({ data, onChange, readOnly }: { data: CustomerEval; onChange: (d: CustomerEval, key?: string) => void; readOnly: boolean }) {
  const { t } = useTranslation();
  const set = (i: number, b: Branch, key?: string) => onChange({ ...data, branches: data.branches.map((x, j) => (j === i ? b : x)) }, key && `${key}${i}`);
  const add = () => onChange({ ...data, branches: [...data.branches, { id: freshId('b', new Set(data.branches.map((b) => b.id))), label: t('designer.evaluate.newBranch'), test: { kind: 'responded' } }] });
  return (
    <Section title={t('designer.evaluate.branches')} action={<button type="button" className={smallButton} disabled={readOnly} onClick={add}>+ {t('designer.evaluate.addBranch')}</button>}>
      <p className="mb-2 text-[11px] text-slate-400">{t('designer.evaluate.branchHint')}</p>
      {data.branches.map((b, i) => (
        <div key={b.id} className="mb-2 rounded-md border border-slate-200 bg-slate-50 p-2">
          <div className="mb-1.5 flex gap-1.5">
            <div className="min-w-0 flex-1"><TextInput label={t('designer.evaluate.label')} value={b.label} required maxLength={40} disabled={readOnly} onChange={(label) => set(i, { ...b, label }, 'label')} /></div>
            <select aria-label={t('designer.evaluate.test')} className={`${inputBase} w-32`} value={b.test.kind} disabled={readOnly}
              onChange={(e) => { const kind = e.target.value as (typeof TEST_KINDS)[number]; set(i, { ...b, test: kind === 'attribute' ? { kind, condition: defaultCondition(SUBSCRIBER_FIELDS[0]!) } : { kind } }); }}>
              {TEST_KINDS.map((k) => <option key={k} value={k}>{t(`designer.evaluate.tests.${k}`)}</option>)}
            </select>
            <button type="button" className={iconButton} disabled={readOnly || data.branches.length <= 1} aria-label={t('designer.common.remove')}
              onClick={() => onChange({ ...data, branches: data.branches.filter((_, j) => j !== i) })}>✕</button>
          </div>
          {b.test.kind === 'attribute' && <ConditionRow value={b.test.condition} disabled={readOnly} onChange={(condition) => set(i, { ...b, test: { kind: 'attribute', condition } })} />}
        </div>
      ))}
    </Section>
  );
}
