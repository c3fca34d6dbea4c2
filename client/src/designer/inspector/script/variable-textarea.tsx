import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SCRIPT_VARIABLE_LABELS, SCRIPT_VARIABLES } from '../../../../../shared/flow/script.js';
import { useLang } from '../../../i18n/index.js';
import { FieldError, LengthCounter } from '../form/field-error.js';
import { inputClass } from '../form/styles.js';
import { checkText } from '../form/text-field.js';
import { useDraft } from '../form/use-draft.js';

/**
 * A script text field with an "insert variable" menu that puts `{var}` at the cursor. What is typed
 * stays as typed: over the limit or empty, the field says so and the node keeps its last valid text.
 */
export function VariableTextarea({ label, value, onChange, disabled, rows = 3, testId, maxLength, counterExtra }: {
  label: string; value: string; onChange: (v: string) => void; disabled: boolean; rows?: number; testId?: string;
  maxLength?: number; counterExtra?: (text: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const ref = useRef<HTMLTextAreaElement>(null);
  const draft = useDraft({ value, format: (v) => v, parse: (s) => checkText(s, { required: true, ...(maxLength ? { maxLength } : {}) }, t), onCommit: onChange });
  const insert = (name: string) => {
    const el = ref.current;
    const at = el?.selectionStart ?? draft.text.length;
    const end = el?.selectionEnd ?? at;
    const token = `{${name}}`;
    draft.change(draft.text.slice(0, at) + token + draft.text.slice(end));
    requestAnimationFrame(() => { el?.focus(); el?.setSelectionRange(at + token.length, at + token.length); });
  };
  return (
    <div className="mb-3">
      <div className="mb-1 flex flex-wrap items-center gap-x-2">
        <span className="flex-1 whitespace-nowrap text-xs font-medium text-slate-600">{label}</span>
        {maxLength !== undefined && <span className="whitespace-nowrap text-[11px]"><LengthCounter length={[...draft.text].length} max={maxLength} extra={counterExtra?.(draft.text)} testId={testId} /></span>}
        <select aria-label={t('designer.script.insertVariable')} value="" disabled={disabled} data-testid={testId ? `${testId}-insert` : undefined}
          onChange={(e) => e.target.value && insert(e.target.value)} className="rounded border border-slate-200 bg-white px-1 py-0.5 text-[11px] text-slate-600">
          <option value="">{t('designer.script.insertVariable')}</option>
          {SCRIPT_VARIABLES.map((v) => <option key={v} value={v}>{pick(SCRIPT_VARIABLE_LABELS[v])} {`{${v}}`}</option>)}
        </select>
      </div>
      <textarea ref={ref} aria-label={label} rows={rows} aria-invalid={draft.error ? true : undefined} className={`${inputClass} resize-y leading-5 ${draft.error ? 'border-danger' : ''}`}
        value={draft.text} disabled={disabled} data-testid={testId} onChange={(e) => draft.change(e.target.value)} />
      <FieldError error={draft.error} testId={testId} />
    </div>
  );
}
