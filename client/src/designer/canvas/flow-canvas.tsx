import {
  Background, BackgroundVariant, ControlButton, Controls, MiniMap, ReactFlow, useNodesInitialized, useReactFlow,
  type Connection, type EdgeChange, type FinalConnectionState, type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { canConnect } from '../../../../shared/flow/connect.js';
import { isNodeType, nodeDef } from '../../../../shared/nodes/registry.js';
import { useLang } from '../../i18n/index.js';
import { nodeViews } from '../nodes/node-views.js';
import { useDesigner, useDesignerApi } from '../store/context.js';
import { PALETTE_MIME } from '../palette/palette-item.js';
import { READABLE_ZOOM, useFitReadable } from './readable-fit.js';
import { createCanvasMapper, type CanvasNode } from './to-react-flow.js';
import { useFocusNode } from './use-focus-node.js';

const MINIMAP_COLOURS: Record<string, string> = { entry: '#0d9488', channels: '#2563eb', content: '#9333ea', control: '#64748b', evaluation: '#ea580c' };
const minimapColour = (n: CanvasNode) => MINIMAP_COLOURS[nodeDef(n.type ?? '')?.category ?? ''] ?? '#94a3b8';

/** The React Flow canvas, fully controlled by the designer store. */
export function FlowCanvas() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const api = useDesignerApi();
  const rf = useReactFlow();
  const mapper = useMemo(createCanvasMapper, []);
  const { doc, selectedNodes, selectedEdges, measured, readOnly } = useDesigner((s) => ({
    doc: s.doc, selectedNodes: s.selectedNodes, selectedEdges: s.selectedEdges, measured: s.measured, readOnly: s.flow?.readOnly ?? false,
  }));
  const nodes = useMemo(() => mapper.nodes(doc, selectedNodes, measured), [mapper, doc, selectedNodes, measured]);
  const edgeLabel = useCallback((e: { source: string; target: string }) => {
    const name = (id: string) => { const n = doc.nodes.find((x) => x.id === id); const def = n && nodeDef(n.type); return def ? `${pick(def.label)} (${id})` : id; };
    return t('designer.canvas.a11y.edge', { source: name(e.source), target: name(e.target) });
  }, [doc.nodes, pick, t]);
  const edges = useMemo(() => mapper.edges(doc, selectedEdges, edgeLabel), [mapper, doc, selectedEdges, edgeLabel]);
  const ariaLabelConfig = useMemo(() => ({
    'node.a11yDescription.default': t('designer.canvas.a11y.node'),
    'node.a11yDescription.keyboardDisabled': t('designer.canvas.a11y.node'),
    'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }: { direction: string; x: number; y: number }) => t('designer.canvas.a11y.moved', { direction, x, y }),
    'edge.a11yDescription.default': t('designer.canvas.a11y.edgeHint'),
    'controls.ariaLabel': t('designer.canvas.a11y.controls'),
    'controls.zoomIn.ariaLabel': t('designer.canvas.a11y.zoomIn'),
    'controls.zoomOut.ariaLabel': t('designer.canvas.a11y.zoomOut'),
    'controls.fitView.ariaLabel': t('designer.top.fit'),
    'controls.interactive.ariaLabel': t('designer.canvas.a11y.lock'),
    'minimap.ariaLabel': t('designer.canvas.minimap'),
    'handle.ariaLabel': t('designer.canvas.a11y.handle'),
  }), [t]);
  useFocusNode();
  // Fit once when opening a flow with nodes (once they are measured); an empty canvas keeps its viewport
  // so the first drop lands where dropped. The fit never goes below a readable zoom.
  const fit = useFitReadable();
  const initialized = useNodesInitialized();
  const fitted = useRef(api.getState().doc.nodes.length === 0);
  useEffect(() => {
    if (!initialized || fitted.current) return;
    fitted.current = true;
    fit(0);
  }, [initialized, fit]);

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    const s = api.getState();
    const positions: Record<string, { x: number; y: number }> = {};
    let selection: Set<string> | null = null;
    for (const c of changes) {
      if (c.type === 'position' && c.position) positions[c.id] = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
      else if (c.type === 'dimensions' && c.dimensions) {
        const m = s.measured[c.id];
        if (!m || m.width !== c.dimensions.width || m.height !== c.dimensions.height) s.setMeasured(c.id, c.dimensions);
      }
      else if (c.type === 'select') {
        selection ??= new Set(s.selectedNodes);
        if (c.selected) selection.add(c.id);
        else selection.delete(c.id);
      }
    }
    if (Object.keys(positions).length > 0 && !s.flow?.readOnly) s.moveNodes(positions);
    if (selection) s.select([...selection], api.getState().selectedEdges);
  }, [api]);

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const s = api.getState();
    let selection: Set<string> | null = null;
    for (const c of changes) {
      if (c.type !== 'select') continue;
      selection ??= new Set(s.selectedEdges);
      if (c.selected) selection.add(c.id);
      else selection.delete(c.id);
    }
    if (selection) s.select(api.getState().selectedNodes, [...selection]);
  }, [api]);

  /** A used output port may be re-pointed: the edge that holds it is replaced on connect. */
  const verdict = useCallback((c: Connection | { source: string; target: string; sourceHandle?: string | null; targetHandle?: string | null }) => {
    const d = api.getState().doc;
    const holder = d.edges.find((e) => e.source === c.source && e.sourceHandle === c.sourceHandle && e.target !== c.target);
    return canConnect(d, c, holder ? { replacingEdgeId: holder.id } : {});
  }, [api]);

  const isValidConnection = useCallback((c: Connection | { source: string; target: string; sourceHandle?: string | null; targetHandle?: string | null }) => verdict(c).ok, [verdict]);

  const onConnect = useCallback((c: Connection) => {
    if (!c.sourceHandle || !verdict(c).ok) return;
    api.getState().connect({ source: c.source, sourceHandle: c.sourceHandle, target: c.target, targetHandle: c.targetHandle ?? 'in' });
  }, [api, verdict]);

  const onConnectEnd = useCallback((_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid !== false || !state.fromNode || !state.toNode) return;
    const v = verdict({ source: state.fromNode.id, sourceHandle: state.fromHandle?.id ?? null, target: state.toNode.id, targetHandle: state.toHandle?.id ?? 'in' });
    if (!v.ok) api.getState().notify(pick(v.reason), 'error');
  }, [api, pick, verdict]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(PALETTE_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback((e: DragEvent) => {
    const type = e.dataTransfer.getData(PALETTE_MIME);
    if (!type || !isNodeType(type) || api.getState().flow?.readOnly) return;
    e.preventDefault();
    const p = rf.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    api.getState().addNode(type, { x: p.x - 120, y: p.y - 30 });
  }, [api, rf]);

  const dragging = useRef(false);
  const onNodeDragStart = useCallback(() => { dragging.current = true; api.getState().beginGesture(); }, [api]);
  const onNodeDragStop = useCallback(() => { dragging.current = false; api.getState().endGesture(); }, [api]);

  useEffect(() => () => { if (dragging.current) api.getState().endGesture(); }, [api]);

  return (
    <div className="relative h-full w-full" onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
      <ReactFlow<CanvasNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeViews}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        onSelectionDragStart={onNodeDragStart}
        onSelectionDragStop={onNodeDragStop}
        deleteKeyCode={null}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
        defaultEdgeOptions={{ type: 'smoothstep' }}
        minZoom={READABLE_ZOOM / 3}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={ariaLabelConfig}
      >
        <Background variant={BackgroundVariant.Dots} gap={16} size={1} color="#cbd5e1" />
        <MiniMap pannable zoomable nodeColor={minimapColour} ariaLabel={t('designer.canvas.minimap')} className="!bottom-3 !right-3" />
        <Controls position="bottom-left" showFitView={false}>
          <ControlButton className="react-flow__controls-fitview" onClick={() => fit()} title={t('designer.top.fit')} aria-label={t('designer.top.fit')} data-testid="controls-fit">
            <svg viewBox="0 0 16 16" aria-hidden fill="none" stroke="currentColor" strokeWidth="1.6"><path d="M2 6V2h4M10 2h4v4M14 10v4h-4M6 14H2v-4" /></svg>
          </ControlButton>
        </Controls>
      </ReactFlow>
      {doc.nodes.length === 0 && (
        <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center gap-1 text-slate-400">
          <p className="text-base">{t('designer.emptyTitle')}</p>
          <p className="text-sm">{t('designer.emptyHint')}</p>
        </div>
      )}
    </div>
  );
}
