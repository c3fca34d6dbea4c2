import { useState } from 'react';
import { CHANNEL_KINDS, type ChannelKind } from '../../../shared/catalogue/channels.js';
import type { Catalogue, ChannelInput } from '../../../shared/catalogue/schema.js';
import { STAGE_LABELS, STAGES, type Stage } from '../../../shared/catalogue/stages.js';
import { useLang } from '../i18n/index.js';
import { Button, Dialog, inputClass, selectClass } from '../governance/ui.js';
import { trpc } from '../trpc.js';
import { amount, FieldRow, formError, FormMessage, hourRange, num } from './catalogue-form.js';
import { TX } from './catalogue-text.js';

/** Form state: numbers as typed, so a half-typed value is the server's to judge (and name). */
type Draft = Omit<ChannelInput, 'costPerContact' | 'dailyCapacity' | 'contactHours' | 'quietHours' | 'responseDelayHours'> & {
  cost: string; capacity: string; c0: string; c1: string; q0: string; q1: string; delay: string;
};
const toDraft = (c: ChannelInput): Draft => {
  const { costPerContact, dailyCapacity, contactHours, quietHours, responseDelayHours, ...rest } = c;
  return { ...rest, cost: String(costPerContact), capacity: String(dailyCapacity), c0: String(contactHours[0]), c1: String(contactHours[1]),
    q0: quietHours ? String(quietHours[0]) : '', q1: quietHours ? String(quietHours[1]) : '', delay: String(responseDelayHours) };
};
const fromDraft = ({ cost, capacity, c0, c1, q0, q1, delay, ...rest }: Draft): ChannelInput => ({
  ...rest, costPerContact: num(cost), dailyCapacity: num(capacity), contactHours: [num(c0), num(c1)],
  quietHours: q0.trim() === '' && q1.trim() === '' ? null : [num(q0), num(q1)], responseDelayHours: num(delay),
});

/** 渠道: the twelve channels; every property editable, enable / disable included (ids are fixed). */
export function CatalogueChannels({ catalogue }: { catalogue: Catalogue }) {
  const { lang, pick } = useLang();
  const utils = trpc.useUtils();
  const [editing, setEditing] = useState<Draft | null>(null);
  const save = trpc.catalogue.saveChannel.useMutation({ onSuccess: () => { void utils.catalogue.get.invalidate(); setEditing(null); } });
  const err = formError(save.error);
  return (
    <section data-testid="catalogue-channels">
      <table className="w-full text-sm">
        <thead className="text-left text-slate-500"><tr>
          <th className="py-2">{pick(TX.sections.channels)}</th><th>{pick(TX.status)}</th><th>{pick(TX.stages)}</th>
          <th className="text-right">{pick(TX.cost)}</th><th className="text-right">{pick(TX.capacity)}</th><th className="pl-4">{pick(TX.contactHours)}</th>
          <th>{pick(TX.quietHours)}</th><th>{pick(TX.signature)}</th><th className="text-right">{pick(TX.actions)}</th>
        </tr></thead>
        <tbody>
          {catalogue.channels.map((c) => (
            <tr key={c.id} className={`border-t border-slate-100 ${c.enabled ? '' : 'text-slate-400'}`} data-testid={`channel-${c.id}`}>
              <td className="py-1.5">{pick(c.label)} <span className="font-mono text-xs text-slate-400">{c.id}</span></td>
              <td>{c.enabled ? pick(TX.enabled) : <span className="text-danger">{pick(TX.disabled)}</span>}</td>
              <td>{c.stages.map((s) => pick(STAGE_LABELS[s])).join(lang === 'zh' ? '、' : ', ')}</td>
              <td className="text-right tabular-nums" data-testid={`cost-${c.id}`}>{amount(c.costPerContact, 2)}</td>
              <td className="text-right tabular-nums" data-testid={`capacity-${c.id}`}>{c.dailyCapacity.toLocaleString()}</td>
              <td className="pl-4 tabular-nums" data-testid={`hours-${c.id}`}>{hourRange(c.contactHours)}</td><td className="tabular-nums">{hourRange(c.quietHours)}</td><td>{c.smsSignature || '—'}</td>
              <td className="text-right"><button type="button" className="text-brand-700 hover:underline" data-testid={`edit-channel-${c.id}`} onClick={() => { save.reset(); setEditing(toDraft(c)); }}>{pick(TX.edit)}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <Dialog wide title={`${pick(TX.editChannel)} · ${pick(editing.label)}`} onClose={() => setEditing(null)}>
          <ChannelForm draft={editing} error={err} busy={save.isPending} onCancel={() => setEditing(null)} onSave={(d) => save.mutate({ channel: fromDraft(d) })} />
        </Dialog>
      )}
    </section>
  );
}

function ChannelForm({ draft, error, busy, onSave, onCancel }: {
  draft: Draft; error: ReturnType<typeof formError>; busy: boolean; onSave: (d: Draft) => void; onCancel: () => void;
}) {
  const { pick } = useLang();
  const [d, setD] = useState(draft);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const toggleStage = (s: Stage) => set({ stages: d.stages.includes(s) ? d.stages.filter((x) => x !== s) : STAGES.filter((x) => x === s || d.stages.includes(x)) });
  const box = 'mr-1.5 align-middle';
  return (
    <form data-testid="channel-form" onSubmit={(e) => { e.preventDefault(); onSave(d); }}>
      <FormMessage error={error} />
      <div className="grid grid-cols-3 gap-3">
        <FieldRow label={TX.nameZh} name="label.zh" error={error}><input className={inputClass} value={d.label.zh} onChange={(e) => set({ label: { ...d.label, zh: e.target.value } })} /></FieldRow>
        <FieldRow label={TX.nameEn} name="label.en" error={error}><input className={inputClass} value={d.label.en} onChange={(e) => set({ label: { ...d.label, en: e.target.value } })} /></FieldRow>
        <FieldRow label={TX.kind} name="kind" error={error}>
          <select className={`${selectClass} w-full`} value={d.kind} onChange={(e) => set({ kind: e.target.value as ChannelKind })}>
            {CHANNEL_KINDS.map((k) => <option key={k} value={k}>{pick(TX.kinds[k])}</option>)}
          </select>
        </FieldRow>
        <FieldRow label={TX.cost} name="costPerContact" error={error}><input className={inputClass} name="cost" inputMode="decimal" value={d.cost} onChange={(e) => set({ cost: e.target.value })} /></FieldRow>
        <FieldRow label={TX.capacity} name="dailyCapacity" error={error}><input className={inputClass} name="capacity" inputMode="numeric" value={d.capacity} onChange={(e) => set({ capacity: e.target.value })} /></FieldRow>
        <FieldRow label={TX.delay} name="responseDelayHours" error={error}><input className={inputClass} inputMode="decimal" value={d.delay} onChange={(e) => set({ delay: e.target.value })} /></FieldRow>
        <FieldRow label={TX.contactHours} name="contactHours" error={error}>
          <span className="flex items-center gap-1"><input className={inputClass} aria-label={pick(TX.from)} inputMode="numeric" value={d.c0} onChange={(e) => set({ c0: e.target.value })} />–<input className={inputClass} aria-label={pick(TX.to)} inputMode="numeric" value={d.c1} onChange={(e) => set({ c1: e.target.value })} /></span>
        </FieldRow>
        <FieldRow label={TX.quietHours} name="quietHours" error={error}>
          <span className="flex items-center gap-1"><input className={inputClass} aria-label={pick(TX.from)} inputMode="numeric" value={d.q0} onChange={(e) => set({ q0: e.target.value })} />–<input className={inputClass} aria-label={pick(TX.to)} inputMode="numeric" value={d.q1} onChange={(e) => set({ q1: e.target.value })} /></span>
        </FieldRow>
        <FieldRow label={TX.signature} name="smsSignature" error={error}><input className={inputClass} value={d.smsSignature} placeholder="【中国移动】" onChange={(e) => set({ smsSignature: e.target.value })} /></FieldRow>
      </div>
      <FieldRow label={TX.stages} name="stages" error={error}>
        <span className="flex gap-4">{STAGES.map((s) => <span key={s}><input type="checkbox" className={box} checked={d.stages.includes(s)} onChange={() => toggleStage(s)} />{pick(STAGE_LABELS[s])}</span>)}</span>
      </FieldRow>
      <div className="mb-3 flex gap-6 text-sm text-slate-700">
        <label><input type="checkbox" className={box} name="enabled" checked={d.enabled} onChange={(e) => set({ enabled: e.target.checked })} />{pick(TX.enabled)}</label>
        <label><input type="checkbox" className={box} checked={d.electronic} onChange={(e) => set({ electronic: e.target.checked })} />{pick(TX.electronic)}</label>
        <label><input type="checkbox" className={box} checked={d.needsSmartphone} onChange={(e) => set({ needsSmartphone: e.target.checked })} />{pick(TX.smartphone)}</label>
      </div>
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>{pick(TX.cancel)}</Button>
        <Button tone="primary" type="submit" disabled={busy} data-testid="save-channel">{pick(TX.save)}</Button>
      </div>
    </form>
  );
}
