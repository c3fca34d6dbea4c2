import { useTranslation } from 'react-i18next';
import { defaultMessageScript } from '../../../../../shared/flow/script.js';
import type { SerialTouch } from '../../../../../shared/nodes/touch.js';
import { freshId } from '../../store/ids.js';
import { smallButton } from '../fields.js';
import { TouchEditor } from '../script/touch-editor.js';
import { move } from './convert.js';
import { FailureRuleFields, withFailure } from './failure-rule-fields.js';
import { HandoffSelect } from './handoff-select.js';
import { TouchCard } from './touch-card.js';

/** A serial chain of touches: add, reorder, remove; each with its hand-off rule to the next and what happens when it cannot reach the customer. */
export function SerialTouchList({ touches, onChange, disabled, min = 1, taken = [] }: {
  touches: SerialTouch[]; onChange: (t: SerialTouch[], key?: string) => void; disabled: boolean; min?: number; taken?: string[];
}) {
  const { t } = useTranslation();
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
            <HandoffSelect value={touch.handoff} disabled={disabled} onChange={(handoff) => onChange(touches.map((x, j) => (j === i ? { ...x, handoff } : x)))} />
          )}
          <FailureRuleFields touch={touch} handoff={touch.handoff} last={i === touches.length - 1} disabled={disabled}
            onChange={(choice) => onChange(touches.map((x, j) => (j === i ? withFailure(x, choice) : x)))} />
          <TouchEditor value={touch} disabled={disabled} keyPrefix={`${touch.id}:`} onChange={(nt, key) => onChange(touches.map((x, j) => (j === i ? nt : x)), key)} />
        </TouchCard>
      ))}
      <button type="button" className={smallButton} disabled={disabled} onClick={add} data-testid="add-touch">+ {t('designer.linkage.addTouch')}</button>
    </>
  );
}
