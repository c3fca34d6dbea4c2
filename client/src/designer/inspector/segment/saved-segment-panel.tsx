import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConditionGroup } from '../../../../../shared/flow/conditions.js';
import type { SegmentData } from '../../../../../shared/nodes/segment/definition.js';
import { ErrorText } from '../../../governance/ui.js';
import { useLang } from '../../../i18n/index.js';
import { trpc } from '../../../trpc.js';
import { autosaver } from '../../files/use-autosave.js';
import { useDesigner } from '../../store/context.js';
import { inputClass, Section, smallButton, Toggle } from '../fields.js';
import { ConditionGroupEditor } from './condition-group.js';
import { SEG } from './segment-text.js';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);
const EXCLUSIONS = ['optedOut', 'doNotDisturb', 'ownsOffer', 'inOtherActiveFlow'] as const;

/**
 * The segment node's link to a saved segment (#18 item 4): pick one (its conditions and exclusions become
 * this node's read-only copy, refreshed whenever the saved one changed), save this node's conditions as a
 * new one, edit the saved one in place (with its live count and the flows using it) or detach to edit here.
 */
export function SavedSegmentPanel({ data, onChange, readOnly, orgUnit }: { data: SegmentData; onChange: (d: SegmentData) => void; readOnly: boolean; orgUnit: string }) {
  const { pick } = useLang();
  const utils = trpc.useUtils();
  const list = trpc.savedSegments.list.useQuery();
  const linked = data.savedSegmentId !== undefined ? list.data?.find((s) => s.id === data.savedSegmentId) : undefined;
  const [naming, setNaming] = useState<string | null>(null);
  // A new link is saved at once, not after the autosave's pause: the flow lists itself among the users right away.
  const link = (d: SegmentData) => { onChange(d); void autosaver()?.flush(); };
  const create = trpc.savedSegments.create.useMutation({
    onSuccess: (s) => { setNaming(null); void utils.savedSegments.list.invalidate(); link({ ...data, savedSegmentId: s.id }); },
  });

  // The copy follows the saved segment: another planner's edit shows up here (and is saved with the flow).
  useEffect(() => {
    if (!linked || readOnly) return;
    if (!same(linked.conditions, data.conditions) || !same(linked.exclusions, data.exclusions)) onChange({ ...data, conditions: linked.conditions, exclusions: linked.exclusions });
  }, [linked, readOnly, data, onChange]);

  const detach = () => {
    const { savedSegmentId: _dropped, ...rest } = data;
    onChange(rest);
  };

  if (data.savedSegmentId !== undefined) {
    return (
      <Section title={pick(SEG.saved)}>
        <div className="rounded-md border border-brand-100 bg-white p-2 text-sm" data-testid="saved-segment-linked">
          {linked ? (
            <>
              <p className="font-medium text-slate-800" data-testid="saved-segment-name">{linked.name}</p>
              <p className="mt-1 text-[11px] text-slate-500">{pick(SEG.savedHint)}</p>
              {!linked.editable && <p className="mt-1 text-[11px] text-slate-400">{pick(SEG.readOnlyUnit)}</p>}
              <SavedSegmentDetails id={linked.id} orgUnit={orgUnit} />
              <div className="mt-2 flex flex-wrap gap-1.5">
                {linked.editable && !readOnly && <SavedSegmentEditorButton segment={linked} />}
                {!readOnly && <button type="button" className={smallButton} onClick={detach} data-testid="saved-segment-detach">{pick(SEG.detach)}</button>}
              </div>
            </>
          ) : list.isSuccess ? (
            <>
              <p className="text-[11px] text-slate-500">{pick(SEG.missing)}</p>
              {!readOnly && <button type="button" className={`${smallButton} mt-2`} onClick={detach} data-testid="saved-segment-detach">{pick(SEG.detach)}</button>}
            </>
          ) : null}
        </div>
      </Section>
    );
  }
  if (readOnly) return null;
  return (
    <Section title={pick(SEG.saved)}>
      <select aria-label={pick(SEG.use)} className={inputClass} value="" data-testid="saved-segment-use"
        onChange={(e) => { const s = list.data?.find((x) => x.id === Number(e.target.value)); if (s) link({ ...data, conditions: s.conditions, exclusions: s.exclusions, savedSegmentId: s.id }); }}>
        <option value="">{pick(SEG.use)}</option>
        {list.data?.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
      </select>
      {naming === null ? (
        <button type="button" className={`${smallButton} mt-2`} onClick={() => setNaming('')} data-testid="saved-segment-save-as">{pick(SEG.saveAs)}</button>
      ) : (
        <div className="mt-2 flex gap-1.5">
          <input aria-label={pick(SEG.name)} placeholder={pick(SEG.name)} className={inputClass} value={naming} maxLength={60} data-testid="saved-segment-name-input" onChange={(e) => setNaming(e.target.value)} />
          <button type="button" className={smallButton} disabled={!naming.trim() || create.isPending} data-testid="saved-segment-save"
            onClick={() => create.mutate({ name: naming.trim(), conditions: data.conditions, exclusions: data.exclusions })}>{pick(SEG.save)}</button>
          <button type="button" className={smallButton} onClick={() => setNaming(null)}>{pick(SEG.cancel)}</button>
        </div>
      )}
      <ErrorText error={create.error} />
    </Section>
  );
}

/** Live count of the saved segment in the flow's unit and the flows that use it. */
function SavedSegmentDetails({ id, orgUnit }: { id: number; orgUnit: string }) {
  const { pick } = useLang();
  // this panel's slot on the server: picking another segment stops the count of the one left
  const slot = useId();
  const asked = trpc.savedSegments.count.useQuery({ id, orgUnit, slot }, { retry: false });
  // a count superseded on the server (another segment or unit picked since) carries no numbers
  const count = asked.data?.superseded ? undefined : asked.data;
  // Asked again whenever this flow is saved (it counts among the users once its link is), and every few seconds for other flows.
  const users = trpc.savedSegments.usedBy.useQuery({ id }, { refetchInterval: 5_000 });
  const revision = useDesigner((s) => s.flow?.revision);
  const { refetch } = users;
  const savedAt = useRef(revision);
  useEffect(() => {
    if (savedAt.current === revision) return;
    savedAt.current = revision;
    void refetch();
  }, [revision, refetch]);
  const hidden = users.data?.hidden ?? 0;
  const shown = users.data?.flows ?? [];
  const hiddenText = shown.length ? (hidden === 1 ? SEG.hiddenMoreOne : SEG.hiddenMore) : (hidden === 1 ? SEG.hiddenOnlyOne : SEG.hiddenOnly);
  return (
    <div className="mt-2 space-y-1 text-[12px]">
      <p className="text-slate-600">{pick(SEG.liveCount)}<span className="font-semibold tabular-nums text-slate-800" data-testid="saved-segment-count">{count ? count.count.toLocaleString() : '…'}</span>{count && <span className="text-slate-400"> / {count.total.toLocaleString()}</span>}</p>
      <p className="text-slate-600">{pick(SEG.usedBy)}</p>
      <ul className="ml-3 list-disc text-slate-700" data-testid="saved-segment-users">
        {users.data && !shown.length && !hidden && <li className="list-none text-slate-400">{pick(SEG.noUsers)}</li>}
        {shown.map((f) => (
          <li key={f.id} data-testid="saved-segment-user" data-takes-changes={f.takesChanges}>
            {f.name}<span className={`ml-1 text-[11px] ${f.takesChanges ? 'text-brand-700' : 'text-slate-400'}`}>· {pick(f.takesChanges ? SEG.takesChanges : SEG.keepsCopy)}</span>
          </li>
        ))}
        {hidden > 0 && <li className="list-none text-slate-500" data-testid="saved-segment-hidden-users">{pick(hiddenText).replace('{n}', String(hidden))}</li>}
      </ul>
    </div>
  );
}

interface Saved { id: number; name: string; revision: number; conditions: ConditionGroup; exclusions: SegmentData['exclusions'] }

/** Edit the saved segment itself: drafts using it follow (when opened, validated, submitted); submitted and published ones keep theirs. */
function SavedSegmentEditorButton({ segment }: { segment: Saved }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const utils = trpc.useUtils();
  const [draft, setDraft] = useState<Saved | null>(null);
  const update = trpc.savedSegments.update.useMutation({
    onSuccess: () => { setDraft(null); void utils.savedSegments.invalidate(); },
  });
  if (!draft) return <button type="button" className={smallButton} onClick={() => setDraft(segment)} data-testid="saved-segment-edit">{pick(SEG.edit)}</button>;
  return (
    <div className="mt-2 w-full rounded-md border border-amber-200 bg-amber-50 p-2" data-testid="saved-segment-editor">
      <p className="mb-1 text-[11px] text-amber-800">{pick(SEG.editing)}</p>
      <input aria-label={pick(SEG.name)} className={`${inputClass} mb-2`} value={draft.name} maxLength={60} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
      <ConditionGroupEditor value={draft.conditions} disabled={update.isPending} onChange={(conditions) => setDraft({ ...draft, conditions })} />
      {EXCLUSIONS.map((k) => (
        <Toggle key={k} label={t(`designer.segment.exclude.${k}`)} checked={draft.exclusions[k]} onChange={(v) => setDraft({ ...draft, exclusions: { ...draft.exclusions, [k]: v } })} />
      ))}
      <div className="mt-2 flex gap-1.5">
        <button type="button" className={smallButton} disabled={!draft.name.trim() || update.isPending} data-testid="saved-segment-update"
          onClick={() => update.mutate({ id: draft.id, revision: draft.revision, name: draft.name.trim(), conditions: draft.conditions, exclusions: draft.exclusions })}>{pick(SEG.save)}</button>
        <button type="button" className={smallButton} onClick={() => setDraft(null)}>{pick(SEG.cancel)}</button>
      </div>
      <ErrorText error={update.error} />
    </div>
  );
}
