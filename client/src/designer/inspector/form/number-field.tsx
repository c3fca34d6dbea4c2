import { useTranslation } from 'react-i18next';
import { inputClass } from './styles.js';
import { FieldError } from './field-error.js';
import { formatNumber, parseNumber, type NumberRules } from './number-rules.js';
import { useDraft } from './use-draft.js';

/**
 * A number typed as text (a native number input turns "-" into nothing and "-5" over "2" into "25"):
 * validated as typed, the message next to the field, committed only when valid.
 */
export function NumberField({ id, value, onChange, disabled, testId, label, untracked, ...rules }: NumberRules & {
  untracked?: boolean; id?: string; value: number; onChange: (v: number) => void; disabled?: boolean; testId?: string; label?: string;
}) {
  const { t } = useTranslation();
  const draft = useDraft({ value, format: formatNumber, parse: (s) => parseNumber(s, rules, t), onCommit: onChange, untracked });
  return (
    <>
      <input id={id} type="text" inputMode="decimal" autoComplete="off" aria-label={label} aria-invalid={draft.error ? true : undefined}
        className={`${inputClass} tabular-nums ${draft.error ? 'border-danger' : ''}`} value={draft.text} disabled={disabled} data-testid={testId}
        onChange={(e) => draft.change(e.target.value)} />
      <FieldError error={draft.error} testId={testId} />
    </>
  );
}
