import { useTranslation } from 'react-i18next';
import { SUBSCRIBER_FIELDS } from '../../../../../shared/catalogue/subscriber-fields.js';
import { emptyGroup, type ConditionGroup } from '../../../../../shared/flow/conditions.js';
import { iconButton, smallButton } from '../fields.js';
import { ConditionRow, defaultCondition } from './condition-row.js';

const MAX_DEPTH = 3;

/** An AND/OR group of conditions and nested groups, drawn as indented cards. */
export function ConditionGroupEditor({ value, onChange, onRemove, depth = 0, disabled }: {
  value: ConditionGroup; onChange: (g: ConditionGroup) => void; onRemove?: () => void; depth?: number; disabled: boolean;
}) {
  const { t } = useTranslation();
  const toggle = (combinator: ConditionGroup['combinator']) => onChange({ ...value, combinator });
  return (
    <div className={`rounded-lg border p-2 ${depth === 0 ? 'border-slate-200 bg-slate-50' : 'border-brand-100 bg-white'}`} data-testid={`condition-group-${depth}`}>
      <div className="mb-2 flex items-center gap-1.5">
        <div role="radiogroup" aria-label={t('designer.segment.combinator')} className="flex overflow-hidden rounded-md border border-slate-300 text-[11px]">
          {(['and', 'or'] as const).map((c) => (
            <button key={c} type="button" role="radio" aria-checked={value.combinator === c} disabled={disabled} onClick={() => toggle(c)}
              className={`px-2 py-0.5 ${value.combinator === c ? 'bg-brand-600 text-white' : 'bg-white text-slate-600'}`}>{t(`designer.segment.${c}`)}</button>
          ))}
        </div>
        <span className="flex-1 text-[11px] text-slate-400">{t(value.combinator === 'and' ? 'designer.segment.allMatch' : 'designer.segment.anyMatch')}</span>
        {onRemove && <button type="button" className={iconButton} disabled={disabled} onClick={onRemove} aria-label={t('designer.segment.removeGroup')}>✕</button>}
      </div>
      {value.rules.map((r, i) => (
        <ConditionRow key={i} value={r} disabled={disabled}
          onChange={(c) => onChange({ ...value, rules: value.rules.map((x, j) => (j === i ? c : x)) })}
          onRemove={() => onChange({ ...value, rules: value.rules.filter((_, j) => j !== i) })} />
      ))}
      {value.groups.map((g, i) => (
        <div key={`g${i}`} className="mb-2 ml-2">
          <ConditionGroupEditor value={g} depth={depth + 1} disabled={disabled}
            onChange={(ng) => onChange({ ...value, groups: value.groups.map((x, j) => (j === i ? ng : x)) })}
            onRemove={() => onChange({ ...value, groups: value.groups.filter((_, j) => j !== i) })} />
        </div>
      ))}
      <div className="flex gap-1.5">
        <button type="button" className={smallButton} disabled={disabled} data-testid="add-condition"
          onClick={() => onChange({ ...value, rules: [...value.rules, defaultCondition(SUBSCRIBER_FIELDS.find((f) => f.id === 'dataUsagePct') ?? SUBSCRIBER_FIELDS[0]!)] })}>
          + {t('designer.segment.addCondition')}
        </button>
        {depth < MAX_DEPTH && (
          <button type="button" className={smallButton} disabled={disabled}
            onClick={() => onChange({ ...value, groups: [...value.groups, { ...emptyGroup(), combinator: value.combinator === 'and' ? 'or' : 'and' }] })}>
            + {t('designer.segment.addGroup')}
          </button>
        )}
      </div>
    </div>
  );
}
