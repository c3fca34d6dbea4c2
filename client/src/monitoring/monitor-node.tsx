import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CanvasNode } from '../designer/canvas/to-react-flow.js';
import { NodeView } from '../designer/nodes/node-view.js';
import { nodeViewsFor } from '../designer/nodes/node-views.js';
import { useLang } from '../i18n/index.js';
import { fmtInt } from './format.js';
import { useNodeLive } from './live-counts.js';

/** Live counts over a node: entered, in progress / waiting now, conversions credited to it. */
const LiveBadge = memo(function LiveBadge({ id }: { id: string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const c = useNodeLive(id);
  if (!c) return null;
  const now = c.active + c.waiting;
  return (
    <div data-testid={`live-${id}`} data-entered={c.entered} data-conversions={c.conversions}
      // Sized for the screen, not the canvas: 12 px whatever the zoom (zoom-var.ts sets --rf-zoom).
      style={{ fontSize: 'clamp(11px, calc(12px / var(--rf-zoom, 1)), 36px)' }}
      className="pointer-events-none absolute bottom-full left-0 z-[2] mb-1 flex gap-1 whitespace-nowrap font-medium">
      <span className="rounded-md bg-slate-800 px-2 py-0.5 text-white shadow">{t('mon.dash.entered')} {fmtInt(c.entered, lang)}</span>
      {now > 0 && <span className="rounded-md bg-warning px-2 py-0.5 text-white shadow">{c.waiting > 0 ? t('mon.dash.waiting') : t('mon.dash.inProgress')} {fmtInt(now, lang)}</span>}
      {c.conversions > 0 && <span className="rounded-md bg-brand-600 px-2 py-0.5 text-white shadow">{t('mon.dash.conv')} {fmtInt(c.conversions, lang)}</span>}
    </div>
  );
});

/** The designer's node view, unchanged, with the live badge on top. */
const MonitorNode = memo(function MonitorNode(props: NodeProps<CanvasNode>) {
  return (
    <div className="relative">
      <NodeView {...props} />
      <LiveBadge id={props.id} />
    </div>
  );
});

/** nodeTypes for the run canvas: every registered type, at module scope (React Flow warns when it is recreated). */
export const monitorNodeTypes = nodeViewsFor(MonitorNode);
