import { useTranslation } from 'react-i18next';
import { fillTemplate, replyActionSchema, smsParts, type MessageScript } from '../../../../../shared/flow/script.js';
import { inputBase, iconButton, inputClass, smallButton, Toggle } from '../fields.js';
import { VariableTextarea } from './variable-textarea.js';

/** SMS / push template: variables, SMS length and parts, reply keywords, second confirmation, live preview. */
export function MessageScriptEditor({ value, onChange, vars, disabled }: { value: MessageScript; onChange: (s: MessageScript, key?: string) => void; vars: Record<string, string | number>; disabled: boolean }) {
  const { t } = useTranslation();
  const preview = fillTemplate(value.template, vars);
  const { length, parts } = smsParts(preview);
  const setKw = (i: number, patch: Partial<MessageScript['replyKeywords'][number]>) =>
    onChange({ ...value, replyKeywords: value.replyKeywords.map((k, j) => (j === i ? { ...k, ...patch } : k)) }, `kw${i}`);
  return (
    <>
      <VariableTextarea label={t('designer.script.template')} value={value.template} disabled={disabled} onChange={(template) => onChange({ ...value, template }, 'template')} rows={4} testId="script-template" />
      <div className="mb-3 rounded-md border border-slate-200 bg-slate-50 p-2">
        <p className="mb-1 flex text-[11px] text-slate-500">
          <span className="flex-1">{t('designer.script.preview')}</span>
          <span data-testid="sms-parts" className={parts > 1 ? 'text-warning' : ''}>{t('designer.script.smsLength', { length, parts })}</span>
        </p>
        <p className="text-[13px] leading-5 whitespace-pre-wrap text-slate-800" data-testid="script-preview">{preview}</p>
      </div>
      <div className="mb-2 flex items-center">
        <span className="flex-1 text-xs font-medium text-slate-600">{t('designer.script.replyKeywords')}</span>
        <button type="button" className={smallButton} disabled={disabled}
          onClick={() => onChange({ ...value, replyKeywords: [...value.replyKeywords, { keyword: String(value.replyKeywords.length + 1), action: 'info' }] })}>+ {t('designer.script.addKeyword')}</button>
      </div>
      {value.replyKeywords.map((k, i) => (
        <div key={i} className="mb-1.5 flex items-center gap-1.5">
          <input aria-label={t('designer.script.keyword')} className={`${inputBase} w-20`} value={k.keyword} maxLength={8} disabled={disabled} onChange={(e) => setKw(i, { keyword: e.target.value })} />
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
