import { useTranslation } from 'react-i18next';
import { dispositionsFor, type ChannelForm } from '../../../../../shared/flow/channel-wording.js';
import { fillTemplate, type AgentScript } from '../../../../../shared/flow/script.js';
import { iconButton, smallButton, TextInput, Toggle } from '../fields.js';
import { VariableTextarea } from './variable-textarea.js';

const STEPS = ['opening', 'probing', 'offer', 'closing'] as const;

/** The four-step agent script (话术四步曲), objection handling, dispositions and a filled-in preview. */
export function AgentScriptEditor({ value, onChange, vars, disabled, form, channel }: { form: ChannelForm; channel: string; value: AgentScript; onChange: (s: AgentScript, key?: string) => void; vars: Record<string, string | number>; disabled: boolean }) {
  const { t } = useTranslation();
  const setObj = (i: number, patch: Partial<AgentScript['objections'][number]>) =>
    onChange({ ...value, objections: value.objections.map((o, j) => (j === i ? { ...o, ...patch } : o)) }, `obj${i}`);
  return (
    <>
      {STEPS.map((s, i) => (
        <VariableTextarea key={s} label={`${i + 1}. ${t(`designer.script.steps.${s}`)}`} value={value[s]} disabled={disabled} rows={2} testId={`script-${s}`}
          onChange={(v) => onChange({ ...value, [s]: v }, s)} />
      ))}
      <div className="mb-3 rounded-md border border-slate-200 bg-slate-50 p-2" data-testid="script-preview">
        <p className="mb-1 text-[11px] text-slate-500">{t('designer.script.preview')}</p>
        {STEPS.map((s, i) => <p key={s} className="mb-1 text-[13px] leading-5 text-slate-800"><b className="text-slate-500">{i + 1}.</b> {fillTemplate(value[s], vars)}</p>)}
      </div>
      <div className="mb-2 flex items-center">
        <span className="flex-1 text-xs font-medium text-slate-600">{t('designer.script.objections')}</span>
        <button type="button" className={smallButton} disabled={disabled} onClick={() => onChange({ ...value, objections: [...value.objections, { objection: t('designer.script.newObjection'), answer: t('designer.script.newAnswer') }] })}>+ {t('designer.script.addObjection')}</button>
      </div>
      {value.objections.map((o, i) => (
        <div key={i} className="mb-2 flex gap-1.5">
          <div className="flex-1 space-y-1">
            <TextInput label={t('designer.script.objection')} value={o.objection} required disabled={disabled} onChange={(objection) => setObj(i, { objection })} />
            <TextInput label={t('designer.script.answer')} value={o.answer} required disabled={disabled} onChange={(answer) => setObj(i, { answer })} />
          </div>
          <button type="button" className={iconButton} disabled={disabled} aria-label={t('designer.common.remove')} onClick={() => onChange({ ...value, objections: value.objections.filter((_, j) => j !== i) })}>✕</button>
        </div>
      ))}
      <p className="mb-1 text-xs font-medium text-slate-600">{t('designer.script.dispositions')}</p>
      <div className="mb-3 flex flex-wrap gap-x-3">
        {dispositionsFor(channel).map((d) => (
          <Toggle key={d} label={t(`designer.script.disposition${form === 'visit' ? 'Visit' : ''}.${d}`)} checked={value.dispositions.includes(d)} disabled={disabled}
            onChange={(on) => onChange({ ...value, dispositions: on ? [...value.dispositions, d] : value.dispositions.filter((x) => x !== d) })} />
        ))}
      </div>
      <Toggle label={t('designer.script.takesOrder')} checked={value.takesOrder} disabled={disabled} onChange={(takesOrder) => onChange({ ...value, takesOrder })} />
      <Toggle label={t('designer.script.secondConfirmation')} checked={value.secondConfirmation} disabled={disabled} onChange={(secondConfirmation) => onChange({ ...value, secondConfirmation })} />
    </>
  );
}
