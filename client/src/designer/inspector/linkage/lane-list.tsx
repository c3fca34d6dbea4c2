import { useTranslation } from 'react-i18next';
import { defaultMessageScript } from '../../../../../shared/flow/script.js';
import { emptyGroup } from '../../../../../shared/flow/conditions.js';
import { linkageTouches, type LinkageData } from '../../../../../shared/nodes/linkage/definition.js';
import { freshId } from '../../store/ids.js';
import { smallButton } from '../fields.js';
import { TouchEditor } from '../script/touch-editor.js';
import { ConditionGroupEditor } from '../segment/condition-group.js';
import { move } from './convert.js';
import { FailureRuleFields, withFailure } from './failure-rule-fields.js';
import { HandoffSelect } from './handoff-select.js';
import { SerialTouchList } from './serial-touch-list.js';
import { TouchCard } from './touch-card.js';

type Lanes = Extract<LinkageData, { mode: 'parallel' | 'hybrid' }>;

/** Parallel lanes (first touches), each with an optional segment rule and, in hybrid mode, serial follow-ups. */
export function LaneList({ data, onChange, disabled }: { data: Lanes; onChange: (d: LinkageData, key?: string) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const ids = linkageTouches(data).map((x) => x.id);
  const setLane = (i: number, lane: Lanes['lanes'][number], key?: string) =>
    onChange({ ...data, lanes: data.lanes.map((l, j) => (j === i ? lane : l)) } as LinkageData, key);
  const add = () => {
    const base = { id: freshId('t', new Set(ids)), channel: 'wechat' as const, stage: 'publicity' as const, script: defaultMessageScript(), timeoutHours: 48 };
    onChange({ ...data, lanes: [...data.lanes, data.mode === 'hybrid' ? { ...base, followUps: [] } : base] } as LinkageData);
  };
  return (
    <>
      {data.lanes.map((lane, i) => (
        <TouchCard key={lane.id} index={i} touch={lane} disabled={disabled}
          onUp={i > 0 ? () => onChange({ ...data, lanes: move(data.lanes as Lanes['lanes'][number][], i, -1) } as LinkageData) : undefined}
          onDown={i < data.lanes.length - 1 ? () => onChange({ ...data, lanes: move(data.lanes as Lanes['lanes'][number][], i, 1) } as LinkageData) : undefined}
          onRemove={data.lanes.length > 1 ? () => onChange({ ...data, lanes: data.lanes.filter((_, j) => j !== i) } as LinkageData) : undefined}>
          {data.routing === 'rules' && (
            <div className="mb-3">
              <p className="mb-1 text-xs font-medium text-slate-600">{t('designer.linkage.laneRule')}</p>
              {lane.rule ? (
                <ConditionGroupEditor value={lane.rule} disabled={disabled} onChange={(rule) => setLane(i, { ...lane, rule })}
                  onRemove={() => { const { rule: _drop, ...rest } = lane; setLane(i, rest); }} />
              ) : (
                <button type="button" className={smallButton} disabled={disabled} onClick={() => setLane(i, { ...lane, rule: emptyGroup() })}>+ {t('designer.linkage.addRule')}</button>
              )}
            </div>
          )}
          <TouchEditor value={lane} disabled={disabled} keyPrefix={`${lane.id}:`} onChange={(nl, key) => setLane(i, nl, key)} />
          {'followUps' in lane && lane.followUps.length > 0 && (
            <>
              <HandoffSelect value={lane.handoff ?? 'on_response'} disabled={disabled} onChange={(handoff) => setLane(i, { ...lane, handoff })} />
              <FailureRuleFields touch={lane} handoff={lane.handoff} last={false} disabled={disabled} onChange={(choice) => setLane(i, withFailure(lane, choice))} />
            </>
          )}
          {'followUps' in lane && (
            <div className="mt-2 border-t border-slate-100 pt-2">
              <p className="mb-1 text-xs font-medium text-slate-600">{t('designer.linkage.followUps')}</p>
              <SerialTouchList touches={lane.followUps} min={0} taken={ids} disabled={disabled} onChange={(followUps, key) => setLane(i, { ...lane, followUps }, key)} />
            </div>
          )}
        </TouchCard>
      ))}
      <button type="button" className={`${smallButton} mb-3`} disabled={disabled} onClick={add} data-testid="add-lane">+ {t('designer.linkage.addLane')}</button>
    </>
  );
}
