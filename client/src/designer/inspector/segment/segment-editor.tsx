import { useTranslation } from 'react-i18next';
import { TRIGGER_EVENT_LABELS, TRIGGER_EVENTS, type SegmentData } from '../../../../../shared/nodes/segment/definition.js';
import { useLang } from '../../../i18n/index.js';
import { Field, NumberInput, Section, Select, TextInput, Toggle } from '../fields.js';
import type { EditorProps } from '../node-editors.js';
import { AudienceCount } from './audience-count.js';
import { ConditionGroupEditor } from './condition-group.js';
import { SavedSegmentPanel } from './saved-segment-panel.js';
import { useDesigner } from '../../store/context.js';

const EXCLUSIONS = ['optedOut', 'doNotDisturb', 'ownsOffer', 'inOtherActiveFlow'] as const;

/** The segment builder: AND/OR conditions, exclusions, control group, entry and re-entry, live audience size. */
export function SegmentEditor({ data, onChange, readOnly }: EditorProps<SegmentData>) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const ex = data.exclusions;
  const orgUnit = useDesigner((s) => s.doc.orgUnit);
  // A node linked to a saved segment shows its conditions read-only: they are edited in the saved segment.
  const locked = readOnly || data.savedSegmentId !== undefined;
  return (
    <>
      <div className="px-4 pt-3"><AudienceCount segment={data} /></div>
      <SavedSegmentPanel data={data} readOnly={readOnly} orgUnit={orgUnit} onChange={(d) => onChange(d, 'savedSegment')} />
      <Section title={t('designer.segment.conditions')}>
        <ConditionGroupEditor value={data.conditions} disabled={locked} onChange={(conditions) => onChange({ ...data, conditions }, 'conditions')} />
      </Section>
      <Section title={t('designer.segment.exclusions')}>
        {EXCLUSIONS.map((k) => (
          <Toggle key={k} label={t(`designer.segment.exclude.${k}`)} checked={ex[k]} disabled={locked} onChange={(v) => onChange({ ...data, exclusions: { ...ex, [k]: v } })} />
        ))}
        <Field label={t('designer.segment.exclusionList')} hint={t('designer.segment.exclusionListHint')}>
          {(id) => <TextInput id={id} value={ex.exclusionList} disabled={locked} onChange={(exclusionList) => onChange({ ...data, exclusions: { ...ex, exclusionList } }, 'exclusionList')} />}
        </Field>
      </Section>
      <Section title={t('designer.segment.controlAndEntry')}>
        <Field label={t('designer.segment.controlPct')} hint={t('designer.segment.controlHint')}>
          {(id) => <NumberInput id={id} value={data.controlGroupPct} min={0} max={50} disabled={readOnly} onChange={(controlGroupPct) => onChange({ ...data, controlGroupPct }, 'control')} testId="control-pct" />}
        </Field>
        <Field label={t('designer.segment.entry')}>
          {(id) => (
            <Select id={id} value={data.entry.mode} disabled={readOnly} options={(['once', 'daily', 'event'] as const).map((m) => ({ value: m, label: t(`designer.segment.entryModes.${m}`) }))}
              onChange={(mode) => onChange({ ...data, entry: mode === 'event' ? { mode, event: 'usage_threshold', threshold: 80 } : { mode } })} />
          )}
        </Field>
        {data.entry.mode === 'event' && (() => {
          const entry = data.entry;
          return (
            <>
              <Field label={t('designer.segment.trigger')}>
                {(id) => <Select id={id} value={entry.event} disabled={readOnly} options={TRIGGER_EVENTS.map((e) => ({ value: e, label: pick(TRIGGER_EVENT_LABELS[e]) }))} onChange={(event) => onChange({ ...data, entry: { ...entry, event } })} />}
              </Field>
              {entry.event === 'usage_threshold' && (
                <Field label={t('designer.segment.threshold')}>
                  {(id) => <NumberInput id={id} value={entry.threshold ?? 80} min={0} max={100} disabled={readOnly} onChange={(threshold) => onChange({ ...data, entry: { ...entry, threshold } }, 'threshold')} />}
                </Field>
              )}
            </>
          );
        })()}
        <Field label={t('designer.segment.reentry')}>
          {(id) => (
            <Select id={id} value={data.reentry.mode} disabled={readOnly} options={(['never', 'after_exit'] as const).map((m) => ({ value: m, label: t(`designer.segment.reentryModes.${m}`) }))}
              onChange={(mode) => onChange({ ...data, reentry: mode === 'never' ? { mode } : { mode, cooldownDays: 30 } })} />
          )}
        </Field>
        {data.reentry.mode === 'after_exit' && (() => {
          const reentry = data.reentry;
          return (
            <Field label={t('designer.segment.cooldown')}>
              {(id) => <NumberInput id={id} value={reentry.cooldownDays} min={0} integer disabled={readOnly} onChange={(cooldownDays) => onChange({ ...data, reentry: { ...reentry, cooldownDays } }, 'cooldown')} />}
            </Field>
          );
        })()}
      </Section>
    </>
  );
}
