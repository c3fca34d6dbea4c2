import { useTranslation } from 'react-i18next';
import { FIELD_BY_ID, OPERATOR_LABELS, OPERATORS_BY_TYPE, SUBSCRIBER_FIELDS, type SubscriberField } from '../../../../../shared/catalogue/subscriber-fields.js';
import type { Condition } from '../../../../../shared/flow/conditions.js';
import { useLang } from '../../../i18n/index.js';
import { useAttributesVersion } from '../../../lib/attributes.js';
import { DateInput, inputBase, iconButton, inputClass, NumberInput, TextInput } from '../fields.js';
import { SEG } from './segment-text.js';

const today = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** A fresh condition on a field, with the first operator and a sensible value for its type. */
export function defaultCondition(field: SubscriberField): Condition {
  if (field.type === 'boolean') return { field: field.id, op: 'is', value: true };
  if (field.type === 'enum') return { field: field.id, op: 'in', value: field.options?.[0] ? [field.options[0].value] : [] };
  if (field.type === 'text') return { field: field.id, op: 'contains', value: '' };
  if (field.type === 'date') return { field: field.id, op: 'within_days', value: 30 };
  return { field: field.id, op: 'gte', value: 0 };
}

/** The value kept (or a fitting one) when the operator changes: each operator wants its own shape. */
function valueFor(field: SubscriberField, op: Condition['op'], prev: Condition['value']): Condition['value'] {
  if (field.type === 'date') {
    if (op === 'within_days') return typeof prev === 'number' ? prev : 30;
    if (op === 'between') return Array.isArray(prev) && typeof prev[0] === 'string' ? prev : [typeof prev === 'string' ? prev : today(), today()];
    return typeof prev === 'string' ? prev : Array.isArray(prev) && typeof prev[0] === 'string' ? prev[0] : today();
  }
  if (field.type === 'text') {
    if (op === 'in' || op === 'not_in') return Array.isArray(prev) ? prev : typeof prev === 'string' && prev ? [prev] : [];
    return typeof prev === 'string' ? prev : Array.isArray(prev) && typeof prev[0] === 'string' ? prev[0] : '';
  }
  if (field.type === 'number' || field.type === 'integer') {
    if (op === 'between') return Array.isArray(prev) && typeof prev[0] === 'number' ? prev : [typeof prev === 'number' ? prev : 0, 100];
    return typeof prev === 'number' ? prev : Array.isArray(prev) && typeof prev[0] === 'number' ? prev[0] : 0;
  }
  return prev;
}

/** "a, b，c" → ["a", "b", "c"]: a text attribute's list of values, typed on one line. */
const splitList = (s: string): string[] => s.split(/[,，、]/).map((x) => x.trim()).filter(Boolean);

/** One comparison: field, operator (per field type) and a value input that fits both. */
export function ConditionRow({ value, onChange, onRemove, disabled }: { value: Condition; onChange: (c: Condition) => void; onRemove?: () => void; disabled: boolean }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  useAttributesVersion(); // the field menu is the live attribute list: render again when it changes
  const field = FIELD_BY_ID[value.field];
  const ops = field ? OPERATORS_BY_TYPE[field.type] : [];
  return (
    <div className="mb-2 rounded-md border border-slate-200 bg-white p-2" data-testid="condition-row">
      <div className="flex gap-1.5">
        <select aria-label={t('designer.segment.field')} className={inputClass} value={value.field} disabled={disabled} data-testid="condition-field"
          onChange={(e) => { const f = FIELD_BY_ID[e.target.value]; if (f) onChange(defaultCondition(f)); }}>
          {!field && <option value={value.field}>{value.field}</option>}
          {SUBSCRIBER_FIELDS.map((f) => <option key={f.id} value={f.id}>{pick(f.label)}</option>)}
        </select>
        {onRemove && <button type="button" className={iconButton} disabled={disabled} onClick={onRemove} aria-label={t('designer.common.remove')}>✕</button>}
      </div>
      {field && (
        <div className="mt-1.5 flex items-center gap-1.5">
          <select aria-label={t('designer.segment.operator')} className={`${inputBase} w-28 shrink-0`} value={value.op} disabled={disabled} data-testid="condition-op"
            onChange={(e) => { const op = e.target.value as Condition['op']; onChange({ ...value, op, value: valueFor(field, op, value.value) }); }}>
            {ops.map((o) => <option key={o} value={o}>{pick(OPERATOR_LABELS[o]!)}</option>)}
          </select>
          <ValueInput field={field} value={value} onChange={onChange} disabled={disabled} />
        </div>
      )}
    </div>
  );
}

function ValueInput({ field, value, onChange, disabled }: { field: SubscriberField; value: Condition; onChange: (c: Condition) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const unit = field.unit ? <span className="shrink-0 text-xs text-slate-400">{pick(field.unit)}</span> : null;
  const num = (v: number, set: (n: number) => void, label: string) => (
    <div className="min-w-0 flex-1"><NumberInput label={label} value={v} disabled={disabled} testId="condition-value" onChange={set} integer={field.type === 'integer' || field.type === 'date'} /></div>
  );
  if (field.type === 'boolean') {
    return (
      <select aria-label={t('designer.segment.value')} className={inputClass} value={String(value.value)} disabled={disabled} onChange={(e) => onChange({ ...value, value: e.target.value === 'true' })}>
        <option value="true">{t('designer.common.yes')}</option>
        <option value="false">{t('designer.common.no')}</option>
      </select>
    );
  }
  if (field.type === 'number' || field.type === 'integer') {
    if (value.op === 'between') {
      const [lo, hi] = Array.isArray(value.value) && typeof value.value[0] === 'number' ? (value.value as [number, number]) : [0, 0];
      return <>{num(lo, (n) => onChange({ ...value, value: [n, hi] }), t('designer.segment.from'))}<span className="text-xs text-slate-400">–</span>{num(hi, (n) => onChange({ ...value, value: [lo, n] }), t('designer.segment.to'))}{unit}</>;
    }
    return <>{num(typeof value.value === 'number' ? value.value : 0, (n) => onChange({ ...value, value: n }), t('designer.segment.value'))}{unit}</>;
  }
  if (field.type === 'text') {
    const list = value.op === 'in' || value.op === 'not_in';
    const text = list ? (Array.isArray(value.value) ? (value.value as string[]).join(', ') : '') : typeof value.value === 'string' ? value.value : '';
    return (
      <div className="min-w-0 flex-1">
        <TextInput label={t('designer.segment.value')} value={text} disabled={disabled} testId="condition-value" maxLength={200} placeholder={list ? pick(SEG.listHint) : undefined}
          onChange={(v) => onChange({ ...value, value: list ? splitList(v) : v })} />
      </div>
    );
  }
  if (field.type === 'date') {
    if (value.op === 'within_days') {
      return <>{num(typeof value.value === 'number' ? value.value : 30, (n) => onChange({ ...value, value: n }), t('designer.segment.value'))}<span className="shrink-0 text-xs text-slate-400">{pick(SEG.days)}</span></>;
    }
    const date = (v: string, set: (d: string) => void) => <div className="min-w-0 flex-1"><DateInput value={v} disabled={disabled} testId="condition-value" onChange={set} /></div>;
    if (value.op === 'between') {
      const [from, to] = Array.isArray(value.value) && typeof value.value[0] === 'string' ? (value.value as string[]) : [today(), today()];
      return <>{date(from ?? today(), (d) => onChange({ ...value, value: [d, to ?? d] }))}<span className="text-xs text-slate-400">–</span>{date(to ?? today(), (d) => onChange({ ...value, value: [from ?? d, d] }))}</>;
    }
    return date(typeof value.value === 'string' ? value.value : today(), (d) => onChange({ ...value, value: d }));
  }
  const chosen = new Set(Array.isArray(value.value) ? (value.value as string[]) : []);
  return (
    <div className="flex flex-wrap gap-1">
      {field.options?.map((o) => (
        <label key={o.value} className={`cursor-pointer rounded border px-1.5 py-0.5 text-[11px] ${chosen.has(o.value) ? 'border-brand-500 bg-brand-50 text-brand-700' : 'border-slate-200 text-slate-600'}`}>
          <input type="checkbox" className="sr-only" checked={chosen.has(o.value)} disabled={disabled}
            onChange={(e) => { const next = new Set(chosen); if (e.target.checked) next.add(o.value); else next.delete(o.value); onChange({ ...value, value: [...next] }); }} />
          {pick(o.label)}
        </label>
      ))}
    </div>
  );
}
