import { CHANNEL_BY_ID, CHANNELS, type ChannelId } from '../../../../../shared/catalogue/channels.js';
import { failureDefault, FAILURE_LABELS, FAILURE_RULES, type FailureRule, type HANDOFF_RULES, type Touch } from '../../../../../shared/nodes/touch.js';
import { useLang } from '../../../i18n/index.js';
import { Field, Select } from '../fields.js';
import { L } from './labels.js';

type Handoff = (typeof HANDOFF_RULES)[number];
export interface FailureChoice { onFailure?: FailureRule; retryChannel?: ChannelId }

/**
 * A touch's failure rule: what happens to a customer who cannot be reached on its channel (or whose
 * delivery fails). Empty = what the hand-off rule implies, named in the option so the default is
 * visible; "skip to next" is offered only where there is a next touch.
 */
export function FailureRuleFields({ touch, handoff, last, disabled, onChange }: {
  touch: Touch & FailureChoice; handoff: Handoff | undefined; last: boolean; disabled: boolean;
  onChange: (choice: FailureChoice) => void;
}) {
  const { pick } = useLang();
  const implied = last ? 'end' : failureDefault(handoff);
  const rules = FAILURE_RULES.filter((r) => !(last && r === 'next'));
  const own = CHANNEL_BY_ID[touch.channel];
  const retryOptions = CHANNELS.filter((c) => c.id !== touch.channel && c.stages.includes(touch.stage) && c.kind === own.kind);
  const set = (v: string) => {
    const onFailure = v === '' ? undefined : (v as FailureRule);
    onChange({ ...(onFailure ? { onFailure } : {}), ...(onFailure === 'retry' ? { retryChannel: touch.retryChannel ?? retryOptions[0]?.id } : {}) });
  };
  return (
    <>
      <Field label={pick(L.onFailure)} hint={handoff === 'on_response' && !last ? pick(L.failureHint) : undefined}>
        {(id) => (
          <Select id={id} value={touch.onFailure ?? ''} disabled={disabled} testId="failure-rule" onChange={set}
            options={[{ value: '', label: pick(L.byHandoff(pick(FAILURE_LABELS[implied]))) }, ...rules.map((r) => ({ value: r, label: pick(FAILURE_LABELS[r]) }))]} />
        )}
      </Field>
      {touch.onFailure === 'retry' && (
        <Field label={pick(L.retryChannel)}>
          {(id) => (
            <Select id={id} value={touch.retryChannel ?? ''} disabled={disabled} testId="retry-channel"
              onChange={(c) => onChange({ onFailure: 'retry', ...(c ? { retryChannel: c as ChannelId } : {}) })}
              options={[...(touch.retryChannel ? [] : [{ value: '', label: pick(L.retryNone) }]), ...retryOptions.map((c) => ({ value: c.id, label: pick(c.label) }))]} />
          )}
        </Field>
      )}
    </>
  );
}

/** A touch with its failure choice replaced (absent keys removed, so the default stays implicit). */
export function withFailure<T extends Touch & FailureChoice>(touch: T, choice: FailureChoice): T {
  const { onFailure: _f, retryChannel: _r, ...rest } = touch;
  return { ...rest, ...choice } as T;
}
