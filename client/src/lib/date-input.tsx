import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** "2026-5-1", "2026/05/01", "2026年5月1日" → "2026-05-01" when it is a real date, else null. */
function normalizeDate(s: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : null;
}

/**
 * A date as yyyy-mm-dd in a text box, the same in every browser language (a native date input shows
 * the browser's locale format, e.g. mm/dd/yyyy, not the app's). Commits only a real date and says how
 * to write one; with `optional`, emptying the box commits '' (a filter without that bound).
 */
export function DateInput({ id, name, value, onChange, disabled, testId, className, label, optional }: {
  id?: string; name?: string; value: string; onChange: (v: string) => void; disabled?: boolean; testId?: string; className: string; label?: string; optional?: boolean;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  const [focused, setFocused] = useState(false);
  useEffect(() => { if (!focused) setDraft(value); }, [value, focused]);
  const bad = draft.trim().length >= 8 && normalizeDate(draft) === null;
  const commit = (text: string): string | null => (optional && text.trim() === '' ? '' : normalizeDate(text));
  return (
    <>
      <input id={id} name={name} type="text" inputMode="numeric" autoComplete="off" spellCheck={false} maxLength={12} placeholder="yyyy-mm-dd" aria-label={label}
        title={t('common.datePlaceholder')} aria-invalid={bad || undefined} className={`${className} tabular-nums ${bad ? 'border-danger' : ''}`}
        value={draft} disabled={disabled} data-testid={testId}
        onFocus={() => setFocused(true)}
        onChange={(e) => { setDraft(e.target.value); const v = commit(e.target.value); if (v !== null && v !== value) onChange(v); }}
        onBlur={() => { setFocused(false); setDraft(commit(draft) ?? value); }} />
      {bad && <p className="mt-1 text-[11px] text-danger" role="alert">{t('common.dateInvalid')}</p>}
    </>
  );
}
