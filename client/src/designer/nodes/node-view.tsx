import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_BY_ID } from '../../../../shared/catalogue/channels.js';
import { STAGE_LABELS } from '../../../../shared/catalogue/stages.js';
import { INPUT_HANDLE } from '../../../../shared/flow/connect.js';
import { nodeDef } from '../../../../shared/nodes/registry.js';
import type { Lang, Text } from '../../../../shared/text.js';
import type { CanvasNode } from '../canvas/to-react-flow.js';
import { useDesigner } from '../store/context.js';
import { IssueBadge } from './issue-badge.js';
import { RunBadge } from './run-badge.js';
import { NEUTRAL_BAR, STAGE_CLASSES } from './stage-style.js';
import { NodeIcon } from '../../lib/node-icon.js';
import { useCompact } from '../canvas/zoom-var.js';
import { CompactFace } from './compact-face.js';
import { fallbackPorts } from './fallback-ports.js';
import { nodeTitleOf } from './node-title.js';

/** Everything the view shows, derived from the registry: parsed once per data object. */
function useDerived(type: string, data: unknown, lang: 'zh' | 'en') {
  return useMemo(() => {
    const def = nodeDef(type);
    if (!def) return null;
    const parsed = def.data.safeParse(data);
    if (!parsed.success) return { def, valid: false as const };
    const d = parsed.data;
    return { def, valid: true as const, ports: def.outputs(d), stages: def.stages(d), channels: def.channels(d), summary: def.summary(d, lang) };
  }, [type, data, lang]);
}

/** The handles this node's edges leave from, joined (a string, so the selector result compares by value). */
const usedHandlesOf = (edges: readonly { source: string; sourceHandle: string }[], id: string) =>
  edges.filter((e) => e.source === id).map((e) => e.sourceHandle).join('\n');

/** The one canvas view for every node type: icon, stage colour, channel badges, summary, ports, issues, run counts. */
function NodeViewImpl({ id, type, data, selected }: NodeProps<CanvasNode>) {
  // One translation hook per node (useLang would add a second): 500 of them on a large flow.
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh';
  const pick = (text: Text) => text[lang];
  const info = useDerived(type, data, lang);
  const issues = useDesigner((s) => s.issuesByNode[id]);
  const title = useDesigner((s) => nodeTitleOf(s.doc.nodes, id, lang));
  const compact = useCompact();
  // Only an invalid node reads the edges (the selector is cheap otherwise): it keeps the ports they use.
  const used = useDesigner((s) => (info && !info.valid ? usedHandlesOf(s.doc.edges, id) : ''));
  const ports = useMemo(() => (!info ? [] : info.valid ? info.ports : fallbackPorts(info.def, data, used ? used.split('\n') : [])), [info, data, used]);
  if (!info) {
    return <div className="rounded-md border border-danger bg-white px-3 py-2 text-xs text-danger">{t('designer.node.unknownType', { type })}</div>;
  }
  const { def } = info;
  const stages = info.valid ? info.stages : [];
  // Invalid data: say which field is wrong (the validator's field-level message) rather than "invalid".
  const bad = info.valid ? undefined : issues?.find((i) => i.code === 'INVALID_NODE_DATA');
  const fieldIssue = bad ? pick(bad.message) : undefined;
  return (
    <div
      data-testid={`node-${id}`}
      data-compact={compact || undefined}
      className={`relative w-60 overflow-visible rounded-lg border bg-white text-left shadow-sm transition-shadow ${selected ? 'border-brand-600 ring-2 ring-brand-500/40' : 'border-slate-300'} ${info.valid ? '' : 'border-dashed'}`}
    >
      <div className="flex h-1.5 overflow-hidden rounded-t-lg">
        {stages.length === 0 ? <div className={`flex-1 ${NEUTRAL_BAR}`} /> : stages.map((s) => <div key={s} className={`flex-1 ${STAGE_CLASSES[s].bar}`} />)}
      </div>
      {compact && <CompactFace title={title} outputs={ports.length} issues={issues} />}
      {def.hasInput && <Handle type="target" id={INPUT_HANDLE} position={Position.Left} className="!h-3 !w-3 !border-2 !border-white !bg-slate-500" />}
      <div className="relative flex items-center gap-2 px-3 pt-2">
        <NodeIcon type={def.type} className="size-4 shrink-0 text-slate-600" />
        <span className="min-w-0 flex-1 truncate text-[13px] font-semibold text-slate-800">{title}</span>
        <IssueBadge issues={issues} />
        <RunBadge nodeId={id} />
      </div>
      {/* The node's kind when its title no longer says it; never its internal id (#17 item 8). */}
      {!title.startsWith(pick(def.label)) && <div className="px-3 pt-0.5 text-[11px] text-slate-400" data-testid={`node-kind-${id}`}>{pick(def.label)}</div>}
      <div className="pb-1" />
      {info.valid && (info.stages.length > 0 || info.channels.length > 0) && (
        <div className="flex flex-wrap gap-1 px-3 pb-1.5">
          {info.stages.map((s) => (
            <span key={s} className={`rounded px-1.5 py-px text-[11px] font-medium ${STAGE_CLASSES[s].chip}`}>{pick(STAGE_LABELS[s])}</span>
          ))}
          {info.channels.map((c) => (
            <span key={c} className="rounded border border-slate-200 bg-slate-50 px-1.5 py-px text-[11px] text-slate-600">{CHANNEL_BY_ID[c] ? pick(CHANNEL_BY_ID[c].label) : c}</span>
          ))}
        </div>
      )}
      <p className={`truncate border-t border-slate-100 px-3 py-1.5 text-xs ${info.valid ? 'text-slate-600' : 'text-danger'}`} title={info.valid ? info.summary : fieldIssue} data-testid={info.valid ? undefined : `node-issue-${id}`}>
        {info.valid ? info.summary : fieldIssue ?? t('designer.node.invalidData')}
      </p>
      {ports.length > 0 && (
        <div className="border-t border-slate-100 py-1">
          {ports.map((p) => (
            <div key={p.id} className="relative flex h-6 items-center justify-end pr-3 text-[11px] text-slate-500">
              <span className="truncate">{pick(p.label)}{p.required ? '' : ` · ${t('designer.node.optional')}`}</span>
              <Handle type="source" id={p.id} position={Position.Right} className={`!h-3 !w-3 !border-2 !border-white ${p.required ? '!bg-brand-600' : '!bg-slate-400'}`} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

export const NodeView = memo(NodeViewImpl);
