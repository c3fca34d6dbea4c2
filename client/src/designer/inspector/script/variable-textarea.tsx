import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SCRIPT_VARIABLE_LABELS, SCRIPT_VARIABLES } from '../../../../../shared/flow/script.js';
import { useLang } from '../../../i18n/index.js';
import { inputClass } from '../fields.js';

/** A script text field with an "insert variable" menu that puts `{var}` at the cursor. */
export function VariableTextarea({ label, value, onChange, disabled, rows = 3, testId }: { label: string; value: string; onChange: (v: string) => void; disabled: boolean; rows?: number; testId?: string }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const ref = useRef<HTMLTextAreaElement>(null);
  const insert = (name: string) => {
    const el = ref.current;
    const at = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? at;
    const token = `{${name}}`;
    onChange(value.slice(0, at) + token + value.slice(end));
    requestAnimationFrame(() => { el?.focus(); el?.setSelectionRange(at + token.length, at + token.length); });
  };
  return (
    <div className="mb-3">
      <div className="mb-1 flex items-center">
        <span className="flex-1 text-xs font-medium text-slate-600">{label}</span>
        <select aria-label={t('designer.script.insertVariable')} value="" disabled={disabled} data-testid={testId ? `${testId}-insert` : undefined}
          onChange={(e) => e.target.value && insert(e.target.value)} className="rounded border border-slate-200 bg-white px-1 py-0.5 text-[11px] text-slate-600">
          <option value="">{t('designer.script.insertVariable')}</option>
          {SCRIPT_VARIABLES.map((v) => <option key={v} value={v}>{pick(SCRIPT_VARIABLE_LABELS[v])} {`{${v}}`}</option>)}
        </select>
      </div>
      <textarea ref={ref} aria-label={label} rows={rows} className={`${inputClass} resize-y leading-5`} value={value} disabled={disabled} data-testid={testId}
        onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
