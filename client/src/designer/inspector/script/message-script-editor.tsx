import { useTranslation } from 'react-i18next';
import type { ChannelForm } from '../../../../../shared/flow/channel-wording.js';
import { fillTemplate, replyActionSchema, smsParts, type MessageScript } from '../../../../../shared/flow/script.js';
import { iconButton, inputClass, smallButton, TextInput, Toggle } from '../fields.js';
import { VariableTextarea } from './variable-textarea.js';

/** The schema's limit on a message template (shared/flow/script.ts). */
const TEMPLATE_MAX = 1000;

/**
 * A message template worded for its channel: an SMS counts its parts (70 characters single, 67 per
 * part), a push or page message and a voice prompt do not; replies are keywords, quick replies or
 * key presses. Variables, second confirmation and a live preview for all.
 */
export function MessageScriptEditor({ value, onChange, vars, disabled, form }: {
  value: MessageScript; onChange: (s: MessageScript, key?: string) => void; vars: Record<string, string | number>; disabled: boolean; form: ChannelForm;
}) {
  const { t } = useTranslation();
  const preview = fillTemplate(value.template, vars);
  const sms = form === 'sms';
  const parts = (text: string) => (sms ? t('designer.script.smsParts', { count: smsParts(fillTemplate(text, vars)).parts }) : undefined);
  const setKw = (i: number, patch: Partial<MessageScript['replyKeywords'][number]>) =>
    onChange({ ...value, replyKeywords: value.replyKeywords.map((k, j) => (j === i ? { ...k, ...patch } : k)) }, `kw${i}`);
  const { length, parts: count } = smsParts(preview);
  return (
    <>
      <VariableTextarea label={t(`designer.script.templateBy.${form}`)} value={value.template} disabled={disabled} maxLength={TEMPLATE_MAX} counterExtra={parts}
        onChange={(template) => onChange({ ...value, template }, 'template')} rows={4} testId="script-template" />
      <div className="mb-3 rounded-md border border-slate-200 bg-slate-50 p-2">
        <p className="mb-1 flex text-[11px] text-slate-500">
          <span className="flex-1">{t('designer.script.preview')}</span>
          {sms && <span data-testid="sms-parts" className={count > 1 ? 'text-warning' : ''}>{t('designer.script.smsLength', { length, parts: count })}</span>}
        </p>
        <p className="text-[13px] leading-5 whitespace-pre-wrap text-slate-800" data-testid="script-preview">{preview}</p>
      </div>
      <div className="mb-2 flex items-center">
        <span className="flex-1 text-xs font-medium text-slate-600" data-testid="reply-keywords-label">{t(`designer.script.repliesBy.${form}`)}</span>
        <button type="button" className={smallButton} disabled={disabled}
          onClick={() => onChange({ ...value, replyKeywords: [...value.replyKeywords, { keyword: String(value.replyKeywords.length + 1), action: 'info' }] })}>+ {t('designer.script.addKeyword')}</button>
      </div>
      {value.replyKeywords.map((k, i) => (
        <div key={i} className="mb-1.5 flex items-start gap-1.5">
          <div className="w-24 shrink-0"><TextInput label={t(`designer.script.replyBy.${form}`)} value={k.keyword} required maxLength={8} disabled={disabled} onChange={(keyword) => setKw(i, { keyword })} /></div>
          <select aria-label={t('designer.script.action')} className={inputClass} value={k.action} disabled={disabled} onChange={(e) => setKw(i, { action: e.target.value as MessageScript['replyKeywords'][number]['action'] })}>
            {replyActionSchema.options.map((a) => <option key={a} value={a}>{t(`designer.script.actions.${a}`)}</option>)}
          </select>
          <button type="button" className={iconButton} disabled={disabled} aria-label={t('designer.common.remove')} onClick={() => onChange({ ...value, replyKeywords: value.replyKeywords.filter((_, j) => j !== i) })}>✕</button>
        </div>
      ))}
      <Toggle label={t('designer.script.secondConfirmation')} checked={value.secondConfirmation} disabled={disabled} onChange={(secondConfirmation) => onChange({ ...value, secondConfirmation })} />
    </>
  );
}
