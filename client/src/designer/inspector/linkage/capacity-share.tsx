import { useEffect, useState } from 'react';
import { CHANNEL_BY_ID, type ChannelId } from '../../../../../shared/catalogue/channels.js';
import { useLang } from '../../../i18n/index.js';
import { useDesigner, useDesignerApi } from '../../store/context.js';
import { Field, inputClass, Section } from '../fields.js';
import { L } from './labels.js';

/**
 * The flow's share of each channel this linkage uses (`contactPolicy.channelCapacity`): e.g. 500 of
 * the call centre's 8,000 a day. Stored as typed, so the validator names a share above the channel's
 * capacity, a negative or a fractional one on this field; empty removes the share.
 */
export function CapacityShare({ channels, disabled }: { channels: ChannelId[]; disabled: boolean }) {
  const { pick } = useLang();
  const api = useDesignerApi();
  const policy = useDesigner((s) => s.doc.contactPolicy);
  const issues = useDesigner((s) => s.issues.filter((i) => i.code === 'CAPACITY_SHARE_INVALID'));
  const shares = policy?.channelCapacity ?? {};
  const set = (c: ChannelId, v: number | null) => {
    const { [c]: _old, ...rest } = shares;
    const channelCapacity = v === null ? rest : { ...rest, [c]: v };
    const { channelCapacity: _drop, ...others } = policy ?? {};
    const next = Object.keys(channelCapacity).length ? { ...others, channelCapacity } : others;
    api.getState().setMeta({ contactPolicy: next }, `capacity.${c}`);
  };
  return (
    <Section title={pick(L.capacityTitle)}>
      <p className="mb-2 text-[11px] text-slate-400">{pick(L.capacityHint)}</p>
      {channels.map((c) => {
        const issue = issues.find((i) => i.path?.[2] === c);
        return (
          <Field key={c} label={pick(CHANNEL_BY_ID[c].label)} {...(issue ? { error: pick(issue.message) } : {})}>
            {(id) => (
              <div className="flex items-center gap-2">
                <ShareInput id={id} value={shares[c]} disabled={disabled} onChange={(v) => set(c, v)} testId={`capacity-share-${c}`} placeholder={pick(L.noLimit)} />
                <span className="shrink-0 text-[11px] text-slate-500 tabular-nums">{pick(L.capacityOf(CHANNEL_BY_ID[c].dailyCapacity.toLocaleString('en-US')))}</span>
              </div>
            )}
          </Field>
        );
      })}
    </Section>
  );
}

/** A number or nothing; text that is not a number stays a draft here and is not written. */
function ShareInput({ id, value, onChange, disabled, testId, placeholder }: {
  id: string; value: number | undefined; onChange: (v: number | null) => void; disabled: boolean; testId: string; placeholder: string;
}) {
  const [draft, setDraft] = useState(value === undefined ? '' : String(value));
  useEffect(() => {
    setDraft((d) => (Number(d) === value && d.trim() !== '' ? d : value === undefined ? '' : String(value)));
  }, [value]);
  return (
    <input id={id} type="text" inputMode="decimal" className={inputClass} value={draft} disabled={disabled} data-testid={testId} placeholder={placeholder}
      onChange={(e) => {
        const text = e.target.value;
        setDraft(text);
        if (text.trim() === '') onChange(null);
        else if (Number.isFinite(Number(text))) onChange(Number(text));
      }} />
  );
}
