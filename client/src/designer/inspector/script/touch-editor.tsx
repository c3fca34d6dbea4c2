import { useTranslation } from 'react-i18next';
import { CHANNEL_BY_ID, CHANNELS, type ChannelId } from '../../../../../shared/catalogue/channels.js';
import { STAGES, STAGE_LABELS } from '../../../../../shared/catalogue/stages.js';
import { channelForm, dispositionsFor } from '../../../../../shared/flow/channel-wording.js';
import { defaultAgentScript, defaultMessageScript } from '../../../../../shared/flow/script.js';
import type { Touch } from '../../../../../shared/nodes/touch.js';
import { useLang } from '../../../i18n/index.js';
import { trpc } from '../../../trpc.js';
import { STAGE_CLASSES } from '../../nodes/stage-style.js';
import { useDesigner } from '../../store/context.js';
import { Field, NumberInput, Select } from '../fields.js';
import { AgentScriptEditor } from './agent-script-editor.js';
import { MessageScriptEditor } from './message-script-editor.js';
import { sampleVars } from './sample-vars.js';

/** Switch channel: keep the stage if the channel serves it, and the script kind the channel needs. */
function withChannel<T extends Touch>(touch: T, channel: ChannelId): T {
  const def = CHANNEL_BY_ID[channel];
  const stage = def.stages.includes(touch.stage) ? touch.stage : def.stages[0]!;
  let script = def.kind === touch.script.kind ? touch.script : def.kind === 'agent' ? defaultAgentScript() : defaultMessageScript();
  // A store visit has no "no answer" or "busy": keep only what the new channel can record.
  if (script.kind === 'agent') script = { ...script, dispositions: dispositionsFor(channel, script.dispositions) };
  return { ...touch, channel, stage, script };
}

/** One touch: channel, stage (only those the channel serves), response timeout and its script. */
export function TouchEditor<T extends Touch>({ value, onChange, disabled, keyPrefix = '' }: { value: T; onChange: (t: T, key?: string) => void; disabled: boolean; keyPrefix?: string }) {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const productId = useDesigner((s) => s.doc.productId);
  const samples = trpc.flows.samples.useQuery(undefined, { staleTime: Infinity });
  // A message goes out with the Chinese names (channels/bindings/render.ts); an agent reads the script in their own language.
  const vars = sampleVars(samples.data?.[0], productId, value.script.kind === 'message' ? 'zh' : lang);
  const channel = CHANNEL_BY_ID[value.channel];
  const form = channelForm(value.channel);
  const k = (key?: string) => key && `${keyPrefix}${key}`;
  return (
    <div data-testid="touch-editor">
      <div className="flex gap-2">
        <Field label={t('designer.touch.channel')}>
          {(id) => <Select id={id} value={value.channel} disabled={disabled} testId="touch-channel" onChange={(c) => onChange(withChannel(value, c))}
            options={CHANNELS.map((c) => ({ value: c.id, label: pick(c.label) }))} />}
        </Field>
        <div className="w-28 shrink-0">
          <Field label={t('designer.touch.timeout')}>
            {(id) => <NumberInput id={id} value={value.timeoutHours} min={0} minExclusive disabled={disabled} onChange={(timeoutHours) => onChange({ ...value, timeoutHours }, k('timeout'))} testId="touch-timeout" />}
          </Field>
        </div>
      </div>
      <div className="mb-3">
        <p className="mb-1 text-xs font-medium text-slate-600">{t('designer.touch.stage')}</p>
        <div role="radiogroup" aria-label={t('designer.touch.stage')} className="flex gap-1.5">
          {STAGES.map((s) => {
            const served = channel?.stages.includes(s) ?? false;
            const on = value.stage === s;
            return (
              <button key={s} type="button" role="radio" aria-checked={on} disabled={disabled || !served} onClick={() => onChange({ ...value, stage: s })}
                title={served ? undefined : t('designer.touch.stageNotServed')}
                className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${on ? STAGE_CLASSES[s].chip + ' ring-1 ring-current' : served ? 'bg-slate-100 text-slate-600 hover:bg-slate-200' : 'bg-slate-50 text-slate-300 line-through'}`}>
                {pick(STAGE_LABELS[s])}
              </button>
            );
          })}
        </div>
      </div>
      <p className="mb-2 text-[11px] text-slate-400">
        {t('designer.touch.channelFacts', { cost: channel?.costPerContact ?? 0, capacity: (channel?.dailyCapacity ?? 0).toLocaleString(), from: channel?.contactHours[0], to: channel?.contactHours[1] })}
      </p>
      {value.script.kind === 'message' ? (
        <MessageScriptEditor form={form} value={value.script} vars={vars} disabled={disabled} onChange={(script, key) => onChange({ ...value, script }, k(key))} />
      ) : (
        <AgentScriptEditor form={form} channel={value.channel} value={value.script} vars={vars} disabled={disabled} onChange={(script, key) => onChange({ ...value, script }, k(key))} />
      )}
    </div>
  );
}
