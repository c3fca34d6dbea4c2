import { useTranslation } from 'react-i18next';
import type { SplitData } from '../../../../shared/nodes/split.js';
import { freshId } from '../store/ids.js';
import { inputBase, iconButton, inputClass, Section, smallButton } from './fields.js';
import type { EditorProps } from './node-editors.js';

/** A/B split: branches with a label and a share; the total must be 100%. */
export function SplitEditor({ data, onChange, readOnly }: EditorProps<SplitData>) {
  const { t } = useTranslation();
  const total = data.branches.reduce((s, b) => s + b.percent, 0);
  const set = (i: number, patch: Partial<SplitData['branches'][number]>, key: string) =>
    onChange({ branches: data.branches.map((b, j) => (j === i ? { ...b, ...patch } : b)) }, `${key}${i}`);
  const add = () => {
    const id = freshId('b', new Set(data.branches.map((b) => b.id)));
    onChange({ branches: [...data.branches, { id, label: String.fromCharCode(65 + data.branches.length), percent: 0 }] });
  };
  return (
    <Section title={t('designer.split.branches')} action={<button type="button" className={smallButton} disabled={readOnly} onClick={add} data-testid="split-add">+ {t('designer.split.add')}</button>}>
      {data.branches.map((b, i) => (
        <div key={b.id} className="mb-2 flex items-center gap-2">
          <input aria-label={t('designer.split.label')} className={inputClass} value={b.label} disabled={readOnly} onChange={(e) => set(i, { label: e.target.value }, 'label')} />
          <input aria-label={t('designer.split.percent')} type="number" min={0} max={100} className={`${inputBase} w-20`} data-testid="split-percent" value={b.percent} disabled={readOnly}
            onChange={(e) => Number.isFinite(e.target.valueAsNumber) && set(i, { percent: e.target.valueAsNumber }, 'pct')} />
          <span className="text-xs text-slate-400">%</span>
          <button type="button" className={iconButton} disabled={readOnly || data.branches.length <= 2} aria-label={t('designer.common.remove')}
            onClick={() => onChange({ branches: data.branches.filter((_, j) => j !== i) })}>✕</button>
        </div>
      ))}
      <p data-testid="split-total" data-ok={total === 100} className={`text-xs ${total === 100 ? 'text-slate-500' : 'text-danger'}`}>{t('designer.split.total', { total })}</p>
    </Section>
  );
}
