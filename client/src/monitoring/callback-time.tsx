import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inputClass } from '../governance/ui.js';
import { DateInput } from '../lib/date-input.js';

/** "9:30", "0930", "9：30", "9.30" → "09:30" when it is a time of day, else null. */
export function normalizeTime(s: string): string | null {
  const m = /^(\d{1,2})\s*[:：.]?\s*(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const h = Number(m[1]);
  return h < 24 && Number(m[2]) < 60 ? `${String(h).padStart(2, '0')}:${m[2]}` : null;
}

/**
 * When to call back, as the app writes dates and times (yyyy-mm-dd, 24-hour hh:mm) in every browser
 * language: a native datetime-local control shows the browser's locale (mm/dd/yyyy, 10:00 AM) while the
 * page is Chinese. The time is Beijing time, as the caller converts it (fromZonedInput) and the queue shows.
 * Like DateInput, the time box commits only a real time and shows the last one again when left.
 */
export function CallbackTime({ date, time, onDate, onTime }: { date: string; time: string; onDate: (v: string) => void; onTime: (v: string) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(time);
  const [focused, setFocused] = useState(false);
  useEffect(() => { if (!focused) setDraft(time); }, [time, focused]);
  const bad = draft.trim().length >= 4 && normalizeTime(draft) === null;
  return (
    <fieldset className="mt-3 text-sm" data-testid="callback-time">
      <legend className="mb-1 text-slate-600">{t('mon.work.callbackAt')} <span className="text-xs text-slate-400">{t('mon.work.beijingTime')}</span></legend>
      <div className="flex items-start gap-2">
        <div className="w-36"><DateInput name="callbackAt" testId="callback-date" label={t('mon.work.callbackDate')} className={inputClass} value={date} onChange={onDate} /></div>
        <div className="w-20"><input name="callbackTime" type="text" inputMode="numeric" autoComplete="off" maxLength={5} placeholder="hh:mm" aria-label={t('mon.work.callbackTime')}
          title={t('mon.work.callbackTime')} aria-invalid={bad || undefined} data-testid="callback-hour"
          className={`${inputClass} tabular-nums ${bad ? 'border-danger' : ''}`} value={draft}
          onFocus={() => setFocused(true)}
          onChange={(e) => { setDraft(e.target.value); const v = normalizeTime(e.target.value); if (v !== null && v !== time) onTime(v); }}
          onBlur={() => { setFocused(false); setDraft(normalizeTime(draft) ?? time); }} /></div>
      </div>
      {bad && <p className="mt-1 text-[11px] text-danger" role="alert">{t('mon.work.timeInvalid')}</p>}
    </fieldset>
  );
}
