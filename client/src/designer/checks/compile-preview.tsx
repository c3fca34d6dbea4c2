import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_BY_ID, type ChannelId } from '../../../../shared/catalogue/channels.js';
import { compileFlow } from '../../../../shared/machine/compile.js';
import type { Machine, MachineState, TerminalState } from '../../../../shared/machine/types.js';
import { END_OUTCOME_LABELS, type END_OUTCOMES } from '../../../../shared/nodes/end/definition.js';
import { nodeDef } from '../../../../shared/nodes/registry.js';
import { t as text } from '../../../../shared/text.js';
import { useLang } from '../../i18n/index.js';
import { nodeTitleOf } from '../nodes/node-title.js';
import { useDesigner, useDesignerApi } from '../store/context.js';

const KIND_TONE: Record<MachineState['kind'], string> = {
  send: 'bg-publicity-soft text-publicity', await: 'bg-experience-soft text-experience', timer: 'bg-slate-100 text-slate-600',
  route: 'bg-sales-soft text-sales', provision: 'bg-experience-soft text-experience', terminal: 'bg-slate-800 text-white',
};

type EndOutcome = (typeof END_OUTCOMES)[number];

const SHARES = text('本流程每日渠道容量', "This flow's daily channel capacity");
const UNREACHABLE = text('无法触达 →', 'unreachable →');

/** Where a state can lead, in the order a journey meets them. */
function targetsOf(s: MachineState): (string | null)[] {
  switch (s.kind) {
    case 'send': return [s.next, s.unreachable];
    case 'await': return [...Object.values(s.on), s.timeout];
    case 'timer': return [s.next];
    case 'route': return [...s.branches.map((b) => b.target), s.otherwise];
    case 'provision': return Object.values(s.on);
    case 'terminal': return [];
    default: return s satisfies never;
  }
}

/** The states from the initial one outwards (breadth first), as a planner reads the flow; any unreached after. */
function ordered(machine: Machine): MachineState[] {
  const seen = new Set<string>();
  const out: MachineState[] = [];
  const queue = [machine.initial];
  while (queue.length) {
    const id = queue.shift()!;
    const s = machine.states[id];
    if (!s || seen.has(id)) continue;
    seen.add(id);
    out.push(s);
    for (const t of targetsOf(s)) if (t) queue.push(t);
  }
  return [...out, ...Object.values(machine.states).filter((s) => !seen.has(s.id))];
}

/** The flow's share of each channel per day, as the engine will hold it. */
function CapacityShares({ machine }: { machine: Machine }) {
  const { lang, pick } = useLang();
  const shares = Object.entries(machine.contactPolicy.channelCapacity ?? {}) as [ChannelId, number][];
  if (shares.length === 0) return null;
  return (
    <p className="border-b border-slate-100 px-4 py-2 text-xs text-slate-600" data-testid="compiled-capacity">
      {pick(SHARES)}{lang === 'zh' ? '：' : ': '}{shares.map(([c, n]) => `${pick(CHANNEL_BY_ID[c].label)} ${n.toLocaleString('en-US')} / ${CHANNEL_BY_ID[c].dailyCapacity.toLocaleString('en-US')}`).join(lang === 'zh' ? '，' : ', ')}
    </p>
  );
}

/** What the server will run: the compiled machine's states with the node each came from (a send: its channel and where an unreachable customer goes). */
export function CompilePreview() {
  const { t } = useTranslation();
  const api = useDesignerApi();
  const doc = useDesigner((s) => s.doc);
  const result = useMemo(() => compileFlow(doc), [doc]);
  const { lang, pick } = useLang();
  const title = (nodeId: string) => nodeTitleOf(doc.nodes, nodeId, lang);
  if (!result.ok) {
    return (
      <div className="p-4" data-testid="compile-failed">
        <p className="mb-2 text-[13px] font-medium text-danger">{t('designer.compile.failed', { count: result.issues.length })}</p>
        <ul className="space-y-1">{result.issues.slice(0, 20).map((i, n) => <li key={n} className="text-xs text-slate-600">• {pick(i.message)}</li>)}</ul>
      </div>
    );
  }
  const { machine } = result;
  const states = ordered(machine);
  // An end node's outcome, or the label of the unconnected optional port the journey ends through.
  const outcomeLabel = (s: TerminalState): string => {
    if (s.outcome in END_OUTCOME_LABELS) return pick(END_OUTCOME_LABELS[s.outcome as EndOutcome]);
    const node = doc.nodes.find((n) => n.id === s.node);
    const def = node && nodeDef(node.type);
    const parsed = def?.data.safeParse(node!.data);
    const port = parsed?.success ? def!.outputs(parsed.data).find((p) => p.id === s.outcome) : undefined;
    return port ? pick(port.label) : s.outcome;
  };
  // What a state does beyond its kind: how long it waits, how many branches, which benefit, which outcome.
  const detail = (s: MachineState): string | null => {
    switch (s.kind) {
      case 'send': return null;
      case 'await': return t('designer.compile.detail.await', { h: s.timeoutHours });
      case 'timer': return s.wake.mode === 'duration' ? t('designer.compile.detail.timerFor', { h: s.wake.hours }) : t('designer.compile.detail.timerUntil', { at: s.wake.mode === 'until_time' ? s.wake.time : s.wake.date });
      case 'route': return t(s.mode === 'best_fit' ? 'designer.compile.detail.bestFit' : 'designer.compile.detail.route', { count: s.branches.length + (s.otherwise ? 1 : 0) });
      case 'provision': return t('designer.compile.detail.provision', { benefit: s.request.benefit, cost: s.cost });
      case 'terminal': return t('designer.compile.detail.outcome', { outcome: outcomeLabel(s) });
      default: return s satisfies never;
    }
  };
  // Where a state leads, as the planner knows it: the node's title, and the channel when it sends.
  const target = (id: string) => {
    const s = machine.states[id];
    if (!s) return id;
    return s.kind === 'send' ? `${title(s.node)} · ${pick(CHANNEL_BY_ID[s.channel].label)}` : title(s.node);
  };
  return (
    <div data-testid="compile-preview">
      <p className="border-b border-slate-100 px-4 py-2 text-xs text-slate-500">
        {t('designer.compile.summary', { count: states.length, initial: title(machine.states[machine.initial]?.node ?? '') })} · <span className="font-mono" title={t('designer.compile.hash')}>{machine.hash.slice(0, 10)}</span>
      </p>
      <CapacityShares machine={machine} />
      <table className="w-full text-left text-xs">
        <thead className="sticky top-0 bg-white text-[11px] text-slate-500">
          <tr><th className="px-4 py-1.5 font-medium">{t('designer.compile.kind')}</th><th className="py-1.5 font-medium">{t('designer.compile.state')}</th><th className="px-4 py-1.5 font-medium">{t('designer.compile.node')}</th></tr>
        </thead>
        <tbody>
          {states.map((s) => (
            <tr key={s.id} className="border-t border-slate-100 hover:bg-slate-50" data-testid="machine-state" data-state={s.id}>
              <td className="px-4 py-1.5"><span className={`rounded px-1.5 py-px text-[11px] ${KIND_TONE[s.kind]}`}>{t(`designer.compile.kinds.${s.kind}`)}</span></td>
              {/* What the state does, in words; the engine's state id only as a tooltip. */}
              <td className="max-w-[130px] truncate py-1.5 text-[11px] text-slate-700" title={s.id}>
                {s.kind === 'send' ? pick(CHANNEL_BY_ID[s.channel].label) : detail(s)}
                {s.id === machine.initial && <span className="ml-1 text-brand-700" title={t('designer.compile.initial')} aria-label={t('designer.compile.initial')}>★</span>}
                {s.kind === 'send' && <span className="block whitespace-normal [overflow-wrap:anywhere] font-sans text-[10px] text-slate-500" data-testid="send-unreachable">{pick(CHANNEL_BY_ID[s.channel].label)} · {pick(UNREACHABLE)} {target(s.unreachable)}</span>}
              </td>
              <td className="px-4 py-1.5">
                <button type="button" className="text-[11px] text-brand-700 hover:underline" onClick={() => api.getState().focusNode(s.node)}>{title(s.node)}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
