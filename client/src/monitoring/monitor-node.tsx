import { ViewportPortal, useInternalNode, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CanvasNode } from '../designer/canvas/to-react-flow.js';
import { NodeView } from '../designer/nodes/node-view.js';
import { nodeViewsFor } from '../designer/nodes/node-views.js';
import { useLang } from '../i18n/index.js';
import { fmtInt } from './format.js';
import { useNodeLive } from './live-counts.js';

/**
 * Live counts over a node: entered, in progress / waiting now, conversions credited to it. They sit in
 * the canvas's portal layer, above every node (inside its own node they were under the next node in
 * the document), and wrap within the node's width so a long English row does not reach its neighbour.
 */
const LiveBadge = memo(function LiveBadge({ id }: { id: string }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  const c = useNodeLive(id);
  const node = useInternalNode(id);
  if (!c || !node) return null;
  const now = c.active + c.waiting;
  const { x, y } = node.internals.positionAbsolute;
  return (
    <div data-testid={`live-${id}`} data-entered={c.entered} data-conversions={c.conversions}
      // Sized for the screen, not the canvas: 12 px whatever the zoom (zoom-var.ts sets --rf-zoom); the gap under it too.
      style={{ left: x, top: y, maxWidth: node.measured.width, fontSize: 'clamp(11px, calc(12px / var(--rf-zoom, 1)), 36px)', transform: 'translateY(calc(-100% - 0.3em))' }}
      className="pointer-events-none absolute flex w-max flex-wrap gap-[0.25em] font-medium">
      <span className="whitespace-nowrap rounded-md bg-slate-800 px-2 py-0.5 text-white shadow">{t('mon.dash.entered')} {fmtInt(c.entered, lang)}</span>
      {now > 0 && <span data-testid={`live-now-${id}`} className="whitespace-nowrap rounded-md bg-warning px-2 py-0.5 text-white shadow">{c.waiting > 0 ? t('mon.dash.waiting') : t('mon.dash.inProgress')} {fmtInt(now, lang)}</span>}
      {c.conversions > 0 && <span className="whitespace-nowrap rounded-md bg-brand-600 px-2 py-0.5 text-white shadow">{t('mon.dash.conv')} {fmtInt(c.conversions, lang)}</span>}
    </div>
  );
});

/** The designer's node view, unchanged, with the live badge on top. */
const MonitorNode = memo(function MonitorNode(props: NodeProps<CanvasNode>) {
  return (
    <>
      <NodeView {...props} />
      <ViewportPortal><LiveBadge id={props.id} /></ViewportPortal>
    </>
  );
});

/** nodeTypes for the run canvas: every registered type, at module scope (React Flow warns when it is recreated). */
export const monitorNodeTypes = nodeViewsFor(MonitorNode);
