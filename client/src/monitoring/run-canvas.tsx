import { Background, BackgroundVariant, Controls, ReactFlow, type Edge } from '@xyflow/react';
import { useMemo, useState } from 'react';
import type { FlowDocument } from '../../../shared/flow/document.js';
import type { CanvasNode } from '../designer/canvas/to-react-flow.js';
import { createDesignerStore } from '../designer/store/create-store.js';
import { DesignerStoreProvider } from '../designer/store/context.js';
import { ZoomVar } from '../designer/canvas/zoom-var.js';
import { LiveCountsContext, type NodeLive } from './live-counts.js';
import { monitorNodeTypes } from './monitor-node.js';

/**
 * The run's flow version on a read-only canvas with live counts per node. The designer's node views
 * read their store, so the canvas gets one of its own holding just the document.
 */
export function RunCanvas({ doc, live }: { doc: FlowDocument; live: Record<string, NodeLive> }) {
  const [store] = useState(() => {
    const s = createDesignerStore(doc);
    s.getState().setShowOverlay(false);
    return s;
  });
  const nodes = useMemo<CanvasNode[]>(() => doc.nodes.map((n) => ({
    id: n.id, type: n.type, position: n.position, data: (n.data ?? {}) as Record<string, unknown>, draggable: false, connectable: false, selectable: false,
  })), [doc]);
  const edges = useMemo<Edge[]>(() => doc.edges.map((e) => ({
    id: e.id, source: e.source, sourceHandle: e.sourceHandle, target: e.target, targetHandle: e.targetHandle ?? null, type: 'smoothstep', focusable: false,
  })), [doc]);
  return (
    <DesignerStoreProvider store={store}>
      <LiveCountsContext.Provider value={live}>
        <div className="h-full w-full" data-testid="run-canvas">
          <ReactFlow<CanvasNode>
            nodes={nodes}
            edges={edges}
            nodeTypes={monitorNodeTypes}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            deleteKeyCode={null}
            fitView
            fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
            minZoom={0.2}
            // The dashboard page scrolls: a wheel over the canvas scrolls the page, it does not zoom.
            zoomOnScroll={false}
            preventScrolling={false}
            maxZoom={1.5}
            proOptions={{ hideAttribution: true }}
          >
            <ZoomVar />
            <Background variant={BackgroundVariant.Dots} gap={16} size={1} color="#cbd5e1" />
            <Controls position="bottom-left" showInteractive={false} />
          </ReactFlow>
        </div>
      </LiveCountsContext.Provider>
    </DesignerStoreProvider>
  );
}
