import {
  Background, BackgroundVariant, ControlButton, Controls, MiniMap, ReactFlow, useNodesInitialized, useReactFlow,
  type Connection, type EdgeChange, type FinalConnectionState, type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { canConnect } from '../../../../shared/flow/connect.js';
import { isNodeType, nodeDef } from '../../../../shared/nodes/registry.js';
import { useLang } from '../../i18n/index.js';
import { nodeViews } from '../nodes/node-views.js';
import { useDesigner, useDesignerApi } from '../store/context.js';
import { PALETTE_MIME } from '../palette/palette-item.js';
import type { XY } from '../store/types.js';
import { capturePanPointer } from './capture-pan.js';
import { FIT_MIN_ZOOM, useFitReadable } from './readable-fit.js';
import { createCanvasMapper, LARGE_FLOW, useNodeTypes, type CanvasNode } from './to-react-flow.js';
import { useEdgesAfterMeasure } from './use-edges-after-measure.js';
import { useFocusNode } from './use-focus-node.js';
import { WorldDots } from './world-dots.js';
import { ZoomVar } from './zoom-var.js';

const MINIMAP_COLOURS: Record<string, string> = { entry: '#0d9488', channels: '#2563eb', content: '#9333ea', control: '#64748b', evaluation: '#ea580c' };
// Props React Flow copies into its store: module constants, so a canvas re-render (every step of a
// drag) does not hand it new objects — a new `defaultEdgeOptions` re-renders every edge.
const DEFAULT_EDGE_OPTIONS = { type: 'smoothstep' };
const PRO_OPTIONS = { hideAttribution: true };
const DOT_COLOUR = '#cbd5e1';
/** slate-50, the page colour the canvas shows through. */
const CANVAS_COLOUR = '#f8fafc';
const MULTI_SELECT_KEYS = ['Meta', 'Control', 'Shift'];
const minimapColour = (n: CanvasNode) => MINIMAP_COLOURS[nodeDef(n.type ?? '')?.category ?? ''] ?? '#94a3b8';

/** The React Flow canvas, fully controlled by the designer store. */
export function FlowCanvas() {
  const { t } = useTranslation();
  // `lang`, not `pick`: `pick` is a new function on every render, and the callbacks below must keep
  // their identity across renders (a new edge label function relabels every edge).
  const { lang } = useLang();
  const api = useDesignerApi();
  const rf = useReactFlow();
  const mapper = useMemo(createCanvasMapper, []);
  const { doc, selectedNodes, selectedEdges, measured, readOnly } = useDesigner((s) => ({
    doc: s.doc, selectedNodes: s.selectedNodes, selectedEdges: s.selectedEdges, measured: s.measured, readOnly: s.flow?.readOnly ?? false,
  }));
  // While a node is dragged its positions live here, not in the store: the document (and with it
  // every store subscriber, live validation and autosave) changes once, when the drag ends.
  const [dragPositions, setDragPositions] = useState<Record<string, XY> | null>(null);
  const dragPositionsRef = useRef<Record<string, XY> | null>(null);
  // A large flow mounts only the nodes and edges on screen: mounting, styling and laying out all of
  // a 500-node flow's ~14k elements is what made it slow to open.
  const large = doc.nodes.length > LARGE_FLOW;
  const docNodes = useMemo(() => mapper.nodes(doc, selectedNodes, measured, large), [mapper, doc, selectedNodes, measured, large]);
  const nodes = useMemo(
    () => (dragPositions ? docNodes.map((n) => { const p = dragPositions[n.id]; return p ? { ...n, position: p } : n; }) : docNodes),
    [docNodes, dragPositions],
  );
  // Edge labels name the nodes' types, so they depend on ids and types, not on positions or data:
  // `nodeTypes` keeps its identity across moves and edits, and so do the edges React Flow is given.
  const nodeTypes = useNodeTypes(doc.nodes);
  // One translation, then plain substitution per edge: a thousand edges are a thousand i18next
  // interpolations otherwise (~150 ms when a large flow opens).
  const edgeLabel = useMemo(() => {
    const template = t('designer.canvas.a11y.edge', { source: '\u0000source\u0000', target: '\u0000target\u0000' });
    const name = (id: string) => { const type = nodeTypes.get(id); const def = type && nodeDef(type); return def ? `${def.label[lang]} (${id})` : id; };
    return (e: { source: string; target: string }) => template.replace('\u0000source\u0000', () => name(e.source)).replace('\u0000target\u0000', () => name(e.target));
  }, [nodeTypes, lang, t]);
  const docEdges = doc.edges;
  const allEdges = useMemo(() => mapper.edges({ edges: docEdges }, selectedEdges, edgeLabel), [mapper, docEdges, selectedEdges, edgeLabel]);
  const measuredAny = useMemo(() => Object.keys(measured).length > 0, [measured]);
  const edges = useEdgesAfterMeasure(allEdges, large, measuredAny);
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
  // so the first drop lands where dropped. The fit never goes below a readable zoom. A large flow
  // never has every node measured (off-screen nodes are not mounted): it fits at once, on the nodes'
  // initial sizes, which also decides which nodes get mounted at all.
  const fit = useFitReadable();
  const initialized = useNodesInitialized();
  const fitted = useRef(api.getState().doc.nodes.length === 0);
  useEffect(() => {
    if (fitted.current || !(initialized || (large && rf.getNodes().length > 0))) return;
    fitted.current = true;
    void fit(0);
  }, [initialized, large, nodes, rf, fit]);

  /** Commit the positions a drag moved through (plus `last`) to the document in one update. */
  const commitDrag = useCallback((last: Record<string, XY> = {}) => {
    const moved = { ...dragPositionsRef.current, ...last };
    dragPositionsRef.current = null;
    setDragPositions(null);
    const s = api.getState();
    if (Object.keys(moved).length > 0 && !s.flow?.readOnly) s.moveNodes(moved);
  }, [api]);

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
    const s = api.getState();
    const positions: Record<string, XY> = {};
    const live: Record<string, XY> = {};
    let sizes: Record<string, { width: number; height: number }> | null = null;
    let selection: Set<string> | null = null;
    for (const c of changes) {
      if (c.type === 'position' && c.position) (c.dragging ? live : positions)[c.id] = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
      else if (c.type === 'dimensions' && c.dimensions) {
        const m = s.measured[c.id];
        if (!m || m.width !== c.dimensions.width || m.height !== c.dimensions.height) (sizes ??= {})[c.id] = c.dimensions;
      }
      else if (c.type === 'select') {
        selection ??= new Set(s.selectedNodes);
        if (c.selected) selection.add(c.id);
        else selection.delete(c.id);
      }
    }
    // One store update for a whole batch of measurements (500 on opening a large flow), not one per node.
    if (sizes) s.setMeasuredMany(sizes);
    if (Object.keys(live).length > 0 && !s.flow?.readOnly) {
      dragPositionsRef.current = { ...dragPositionsRef.current, ...live };
      setDragPositions(dragPositionsRef.current);
    }
    // The end of a drag (dragging: false) or a keyboard move: into the document.
    if (Object.keys(positions).length > 0) commitDrag(positions);
    if (selection) s.select([...selection], api.getState().selectedEdges);
  }, [api, commitDrag]);

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
    if (!v.ok) api.getState().notify(v.reason[lang], 'error');
  }, [api, lang, verdict]);

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

  // While a large flow's viewport moves it is its own compositor layer (styles.css), so a pan moves
  // tiles already drawn instead of repainting ~700 edges per frame. Only while moving: as a layer it
  // is rasterised well beyond the screen, and dragging a node (whose edges span the flow) then redraws
  // far more than the screen.
  const wrapper = useRef<HTMLDivElement>(null);
  const onMoveStart = useCallback(() => wrapper.current?.classList.add('canvas-moving'), []);
  const onMoveEnd = useCallback(() => wrapper.current?.classList.remove('canvas-moving'), []);

  const dragging = useRef(false);
  const onNodeDragStart = useCallback(() => { dragging.current = true; api.getState().beginGesture(); }, [api]);
  const onNodeDragStop = useCallback(() => {
    dragging.current = false;
    if (dragPositionsRef.current) commitDrag();
    api.getState().endGesture();
  }, [api, commitDrag]);

  useEffect(() => () => {
    if (!dragging.current) return;
    const moved = dragPositionsRef.current;
    if (moved && !api.getState().flow?.readOnly) api.getState().moveNodes(moved);
    api.getState().endGesture();
  }, [api]);

  return (
    <div ref={wrapper} className="relative h-full w-full" onDragOver={onDragOver} onDrop={onDrop} onPointerDown={capturePanPointer} data-testid="canvas">
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
        multiSelectionKeyCode={MULTI_SELECT_KEYS}
        defaultEdgeOptions={DEFAULT_EDGE_OPTIONS}
        minZoom={FIT_MIN_ZOOM / 2}
        maxZoom={2}
        proOptions={PRO_OPTIONS}
        ariaLabelConfig={ariaLabelConfig}
        onlyRenderVisibleElements={large}
        onMoveStart={large ? onMoveStart : undefined}
        onMoveEnd={large ? onMoveEnd : undefined}
      >
        <ZoomVar />
        {large ? <WorldDots gap={16} size={1} color={DOT_COLOUR} fill={CANVAS_COLOUR} /> : <Background variant={BackgroundVariant.Dots} gap={16} size={1} color={DOT_COLOUR} />}
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
