import type { ELK as ElkApi } from 'elkjs/lib/elk-api.js';
import { INPUT_HANDLE } from '../../../../shared/flow/connect.js';
import type { FlowDocument } from '../../../../shared/flow/document.js';
import { nodeDef } from '../../../../shared/nodes/registry.js';
import type { XY } from '../store/types.js';

/** elkjs is large: loaded on first use so it stays out of the designer's first paint. */
let elk: Promise<ElkApi> | null = null;
const loadElk = () => (elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default()));
const DEFAULT_SIZE = { width: 240, height: 160 };

/** Output port ids of a node in port order (empty when its data does not parse). */
function portsOf(type: string, data: unknown): string[] {
  const def = nodeDef(type);
  const parsed = def?.data.safeParse(data);
  return def && parsed?.success ? def.outputs(parsed.data).map((p) => p.id) : [];
}

/**
 * Layered left-to-right layout (elkjs), keeping each node's output ports in their visual order so
 * edges do not cross needlessly. Returns new top-left positions by node id.
 */
export async function autoLayout(doc: FlowDocument, measured: Record<string, { width: number; height: number }>): Promise<Record<string, XY>> {
  const graph = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '48',
      'elk.layered.spacing.nodeNodeBetweenLayers': '96',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.edgeRouting': 'ORTHOGONAL',
    },
    children: doc.nodes.map((n) => {
      const size = measured[n.id] ?? DEFAULT_SIZE;
      const outs = portsOf(n.type, n.data);
      return {
        id: n.id,
        width: size.width,
        height: size.height,
        layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
        ports: [
          { id: `${n.id}::${INPUT_HANDLE}`, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'WEST' } },
          ...outs.map((p, i) => ({ id: `${n.id}::out::${p}`, width: 1, height: 1, layoutOptions: { 'elk.port.side': 'EAST', 'elk.port.index': String(i) } })),
        ],
      };
    }),
    edges: doc.edges
      .filter((e) => doc.nodes.some((n) => n.id === e.source) && doc.nodes.some((n) => n.id === e.target))
      .map((e) => {
        const hasPort = portsOf(doc.nodes.find((n) => n.id === e.source)!.type, doc.nodes.find((n) => n.id === e.source)!.data).includes(e.sourceHandle);
        return { id: e.id, sources: [hasPort ? `${e.source}::out::${e.sourceHandle}` : e.source], targets: [`${e.target}::${INPUT_HANDLE}`] };
      }),
  };
  const out = await (await loadElk()).layout(graph);
  const positions: Record<string, XY> = {};
  for (const c of out.children ?? []) positions[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
  return positions;
}
