import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { inputClass } from './styles.js';
import { FieldError, LengthCounter } from './field-error.js';
import type { Parsed } from './use-draft.js';
import { useDraft } from './use-draft.js';

export interface TextRules { required?: boolean; maxLength?: number }

export function checkText(s: string, { required = false, maxLength }: TextRules, t: TFunction): Parsed<string> {
  if (required && s.trim() === '') return { ok: false, error: t('designer.field.required') };
  if (maxLength !== undefined && [...s].length > maxLength) return { ok: false, error: t('designer.field.tooLong', { max: maxLength, count: [...s].length }) };
  return { ok: true, value: s };
}

/** One line of text with its limit: the count shows near the limit, an empty required field says so and is not saved. */
export function TextField({ id, value, onChange, disabled, placeholder, testId, label, ...rules }: TextRules & {
  id?: string; value: string; onChange: (v: string) => void; disabled?: boolean; placeholder?: string; testId?: string; label?: string;
}) {
  const { t } = useTranslation();
  const draft = useDraft({ value, format: (v) => v, parse: (s) => checkText(s, rules, t), onCommit: onChange });
  const length = [...draft.text].length;
  return (
    <>
      <input id={id} type="text" aria-label={label} aria-invalid={draft.error ? true : undefined} className={`${inputClass} ${draft.error ? 'border-danger' : ''}`}
        value={draft.text} disabled={disabled} placeholder={placeholder} data-testid={testId} onChange={(e) => draft.change(e.target.value)} />
      {rules.maxLength !== undefined && length > rules.maxLength * 0.8 && <p className="mt-0.5 text-right text-[11px]"><LengthCounter length={length} max={rules.maxLength} testId={testId} /></p>}
      <FieldError error={draft.error} testId={testId} />
    </>
  );
}
