import { useTranslation } from 'react-i18next';
import { WAIT_EVENT_LABELS, WAIT_EVENTS, type WaitData } from '../../../../shared/nodes/wait/definition.js';
import { useLang } from '../../i18n/index.js';
import { formatDate } from '../../lib/time.js';
import { DateInput, Field, inputClass, Section, Select } from './fields.js';
import { DurationField } from './form/duration-field.js';
import type { EditorProps } from './node-editors.js';

const MODES = ['duration', 'until_time', 'until_date', 'event'] as const;

function switchMode(mode: WaitData['mode'], from: WaitData): WaitData {
  const hours = from.mode === 'duration' ? from.hours : from.mode === 'event' ? from.timeoutHours : 48;
  switch (mode) {
    case 'duration': return { mode, hours };
    case 'until_time': return { mode, time: '10:00' };
    case 'until_date': return { mode, date: formatDate(Date.now() + 7 * 86_400_000) };
    case 'event': return { mode, event: 'response', timeoutHours: hours };
  }
}

/** Wait: a duration, until a time of day, until a date, or until an event with a timeout. */
export function WaitEditor({ data, onChange, readOnly }: EditorProps<WaitData>) {
  const { t } = useTranslation();
  const { pick } = useLang();
  return (
    <Section title={t('designer.wait.title')}>
      <Field label={t('designer.wait.mode')}>
        {(id) => <Select id={id} value={data.mode} disabled={readOnly} onChange={(m) => onChange(switchMode(m, data))} options={MODES.map((m) => ({ value: m, label: t(`designer.wait.modes.${m}`) }))} testId="wait-mode" />}
      </Field>
      {data.mode === 'duration' && <Field label={t('designer.wait.duration')}>{(id) => <DurationField id={id} hours={data.hours} disabled={readOnly} onChange={(hours) => onChange({ ...data, hours }, 'hours')} testId="wait-amount" />}</Field>}
      {data.mode === 'until_time' && (
        <Field label={t('designer.wait.time')} hint={t('designer.wait.timeHint')}>
          {(id) => <input id={id} type="time" className={inputClass} value={data.time} disabled={readOnly} onChange={(e) => e.target.value && onChange({ ...data, time: e.target.value }, 'time')} />}
        </Field>
      )}
      {data.mode === 'until_date' && (
        <Field label={t('designer.wait.date')}>
          {(id) => <DateInput id={id} value={data.date} disabled={readOnly} onChange={(date) => onChange({ ...data, date }, 'date')} testId="wait-date" />}
        </Field>
      )}
      {data.mode === 'event' && (
        <>
          <Field label={t('designer.wait.event')}>
            {(id) => <Select id={id} value={data.event} disabled={readOnly} onChange={(event) => onChange({ ...data, event })} options={WAIT_EVENTS.map((e) => ({ value: e, label: pick(WAIT_EVENT_LABELS[e]) }))} />}
          </Field>
          <Field label={t('designer.wait.timeout')} hint={t('designer.wait.timeoutHint')}>
            {(id) => <DurationField id={id} hours={data.timeoutHours} disabled={readOnly} onChange={(timeoutHours) => onChange({ ...data, timeoutHours }, 'timeout')} testId="wait-timeout" />}
          </Field>
        </>
      )}
    </Section>
  );
}
