import { useTranslation } from 'react-i18next';
import type { SplitData } from '../../../../shared/nodes/split/definition.js';
import { freshId } from '../store/ids.js';
import { iconButton, NumberInput, Section, smallButton, TextInput } from './fields.js';
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
        <div key={b.id} className="mb-2 flex items-start gap-2">
          <div className="min-w-0 flex-1"><TextInput label={t('designer.split.label')} value={b.label} required maxLength={40} disabled={readOnly} onChange={(label) => set(i, { label }, 'label')} /></div>
          <div className="w-20 shrink-0"><NumberInput label={t('designer.split.percent')} min={0} max={100} testId="split-percent" value={b.percent} disabled={readOnly} onChange={(percent) => set(i, { percent }, 'pct')} /></div>
          <span className="text-xs text-slate-400">%</span>
          <button type="button" className={iconButton} disabled={readOnly || data.branches.length <= 2} aria-label={t('designer.common.remove')}
            onClick={() => onChange({ branches: data.branches.filter((_, j) => j !== i) })}>✕</button>
        </div>
      ))}
      <p data-testid="split-total" data-ok={total === 100} className={`text-xs ${total === 100 ? 'text-slate-500' : 'text-danger'}`}>{t('designer.split.total', { total })}</p>
    </Section>
  );
}
