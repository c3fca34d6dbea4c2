import { useTranslation } from 'react-i18next';
import { defaultMessageScript } from '../../../../../shared/flow/script.js';
import { HANDOFF_LABELS, HANDOFF_RULES, type SerialTouch } from '../../../../../shared/nodes/touch.js';
import { useLang } from '../../../i18n/index.js';
import { freshId } from '../../store/ids.js';
import { Field, Select, smallButton } from '../fields.js';
import { TouchEditor } from '../script/touch-editor.js';
import { move } from './convert.js';
import { TouchCard } from './touch-card.js';

/** A serial chain of touches: add, reorder, remove; each with its hand-off rule to the next. */
export function SerialTouchList({ touches, onChange, disabled, min = 1, taken = [] }: {
  touches: SerialTouch[]; onChange: (t: SerialTouch[], key?: string) => void; disabled: boolean; min?: number; taken?: string[];
}) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const add = () => {
    const id = freshId('t', new Set([...taken, ...touches.map((x) => x.id)]));
    onChange([...touches, { id, channel: 'sms_hall', stage: 'sales', script: defaultMessageScript(), timeoutHours: 48, handoff: 'on_response' }]);
  };
  return (
    <>
      {touches.map((touch, i) => (
        <TouchCard key={touch.id} index={i} touch={touch} disabled={disabled} defaultOpen={touches.length === 1}
          onUp={i > 0 ? () => onChange(move(touches, i, -1)) : undefined}
          onDown={i < touches.length - 1 ? () => onChange(move(touches, i, 1)) : undefined}
          onRemove={touches.length > min ? () => onChange(touches.filter((_, j) => j !== i)) : undefined}>
          {i < touches.length - 1 && (
            <Field label={t('designer.linkage.handoff')}>
              {(id) => <Select id={id} value={touch.handoff} disabled={disabled} options={HANDOFF_RULES.map((h) => ({ value: h, label: pick(HANDOFF_LABELS[h]) }))}
                onChange={(handoff) => onChange(touches.map((x, j) => (j === i ? { ...x, handoff } : x)))} />}
            </Field>
          )}
          <TouchEditor value={touch} disabled={disabled} keyPrefix={`${touch.id}:`} onChange={(nt, key) => onChange(touches.map((x, j) => (j === i ? nt : x)), key)} />
        </TouchCard>
      ))}
      <button type="button" className={smallButton} disabled={disabled} onClick={add} data-testid="add-touch">+ {t('designer.linkage.addTouch')}</button>
    </>
  );
}
