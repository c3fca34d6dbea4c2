import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inputBase, inputClass } from './styles.js';
import { FieldError } from './field-error.js';
import { formatNumber, parseNumber } from './number-rules.js';
import { useDraft } from './use-draft.js';

type Unit = 'h' | 'd';
const HOURS: Record<Unit, number> = { h: 1, d: 24 };
const unitFor = (hours: number): Unit => (hours >= 24 && hours % 24 === 0 ? 'd' : 'h');

/**
 * A duration in hours, typed in hours or days. The unit is the user's choice and stays: "48" then
 * 小时 is 48 hours (the unit re-reads the number typed, it does not convert it). More than zero.
 */
export function DurationField({ id, hours, onChange, disabled, testId }: { id?: string; hours: number; onChange: (h: number) => void; disabled?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const [unit, setUnit] = useState<Unit>(() => unitFor(hours));
  const draft = useDraft({
    value: hours,
    format: (h) => formatNumber(h / HOURS[unit]),
    parse: (s) => { const r = parseNumber(s, { min: 0, minExclusive: true }, t); return r.ok ? { ok: true, value: r.value * HOURS[unit] } : r; },
    onCommit: onChange,
  });
  const pickUnit = (next: Unit) => {
    setUnit(next);
    const r = parseNumber(draft.text, { min: 0, minExclusive: true }, t);
    if (r.ok && r.value * HOURS[next] !== hours) onChange(r.value * HOURS[next]);
  };
  return (
    <>
      <div className="flex gap-2">
        <input id={id} type="text" inputMode="decimal" autoComplete="off" aria-invalid={draft.error ? true : undefined} data-testid={testId ?? 'duration-amount'}
          className={`${inputClass} tabular-nums ${draft.error ? 'border-danger' : ''}`} value={draft.text} disabled={disabled} onChange={(e) => draft.change(e.target.value)} />
        <select aria-label={t('designer.wait.unit')} className={`${inputBase} w-24`} value={unit} disabled={disabled} data-testid={`${testId ?? 'duration'}-unit`}
          onChange={(e) => pickUnit(e.target.value as Unit)}>
          <option value="h">{t('designer.wait.hours')}</option>
          <option value="d">{t('designer.wait.days')}</option>
        </select>
      </div>
      <FieldError error={draft.error} testId={testId} />
    </>
  );
}
