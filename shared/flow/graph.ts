import type { z } from 'zod';
import type { NodeTypeDef, PortDef } from '../nodes/define.js';
import { nodeDef } from '../nodes/registry.js';
import { checkConnection, portKey, type ConnectionVerdict, type TakenPorts } from './connection-rules.js';
import type { FlowDocument, FlowEdge, FlowNode } from './document.js';

/** A document node with everything derived from it once: its definition, parsed data and ports. */
export interface GraphNode {
  node: FlowNode;
  /** Position in `doc.nodes`. */
  index: number;
  def: NodeTypeDef<string, unknown> | undefined;
  /** The zod output of the type's data schema; undefined when the type is unknown or data is invalid. */
  data: unknown;
  dataError: z.ZodError | undefined;
  /** Output ports for the parsed data; null when unknown. */
  ports: PortDef[] | null;
}

export interface GraphEdge {
  edge: FlowEdge;
  index: number;
  /** Checked against the edges before it in document order: the first edge on a port wins. */
  verdict: ConnectionVerdict;
}

/**
 * The document indexed once, shared by the validator, the compiler and `canConnect`: every lookup
 * afterwards is O(1), which keeps validating a 10,000-node flow linear.
 */
export interface FlowGraph {
  doc: FlowDocument;
  /** Every node in document order (duplicates of an id included). */
  all: GraphNode[];
  /** The first node with each id. */
  nodes: Map<string, GraphNode>;
  /** Nodes of a known type without an input (segments), in document order. */
  entries: GraphNode[];
  edges: GraphEdge[];
  /** Accepted edges (and edges into nodes of unknown type): node id → output port id → target node id. */
  out: Map<string, Map<string, string>>;
  /** Ports held by accepted edges (see `checkConnection`). */
  taken: TakenPorts;
  /**
   * Successors over every edge whose two ends exist, accepted or not: reachability should not
   * cascade a bad edge into a dozen "unreachable" warnings; the bad edge is reported once.
   */
  succ: Map<string, string[]>;
}

/** Build the index for a document. Never throws on well-typed input. */
export function buildFlowGraph(doc: FlowDocument): FlowGraph {
  const all = doc.nodes.map((node, index) => graphNode(node, index));
  const nodes = new Map<string, GraphNode>();
  for (const gn of all) if (!nodes.has(gn.node.id)) nodes.set(gn.node.id, gn);
  const entries = [...nodes.values()].filter((gn) => gn.def && !gn.def.hasInput);

  const taken: TakenPorts = new Map();
  const out = new Map<string, Map<string, string>>();
  const succ = new Map<string, string[]>();
  const lookup = (id: string) => nodes.get(id);
  const edges = doc.edges.map((edge, index): GraphEdge => {
    const verdict = checkConnection(lookup, taken, edge);
    // An edge into a broken node still holds its port: the node's own issue is the one to fix.
    if (verdict.ok || verdict.failure === 'target_unchecked') {
      taken.set(portKey(edge.source, edge.sourceHandle), { target: edge.target, edgeId: edge.id });
      let ports = out.get(edge.source);
      if (!ports) out.set(edge.source, (ports = new Map()));
      ports.set(edge.sourceHandle, edge.target);
    }
    if (nodes.has(edge.source) && nodes.has(edge.target)) {
      const list = succ.get(edge.source);
      if (list) list.push(edge.target);
      else succ.set(edge.source, [edge.target]);
    }
    return { edge, index, verdict };
  });
  return { doc, all, nodes, entries, edges, out, taken, succ };
}

const cache = new WeakMap<FlowDocument, FlowGraph>();

/** {@link buildFlowGraph}, memoised per document object (editor documents are immutable snapshots). */
export function flowGraph(doc: FlowDocument): FlowGraph {
  let graph = cache.get(doc);
  if (!graph) cache.set(doc, (graph = buildFlowGraph(doc)));
  return graph;
}

function graphNode(node: FlowNode, index: number): GraphNode {
  const def = typeof node.type === 'string' ? nodeDef(node.type) : undefined;
  if (!def) return { node, index, def, data: undefined, dataError: undefined, ports: null };
  const parsed = def.data.safeParse(node.data);
  if (!parsed.success) return { node, index, def, data: undefined, dataError: parsed.error, ports: null };
  let ports: PortDef[] | null;
  try {
    ports = def.outputs(parsed.data);
  } catch {
    ports = null;
  }
  return { node, index, def, data: parsed.data, dataError: undefined, ports };
}

type Fact = 'touches' | 'conditions' | 'outcomeTests' | 'branches' | 'holdsCustomer';
type FactValue<K extends Fact> = ReturnType<NonNullable<NodeTypeDef[K]>>;

/**
 * What a node's definition says about its valid data (`touches`, `conditions`, …); undefined when the
 * type does not state that fact, is unknown, or the data is invalid. Rules ask this instead of
 * testing node types, so a new type is checked by declaring its facts.
 */
export function factOf<K extends Fact>(gn: GraphNode, fact: K): FactValue<K> | undefined {
  const fn = gn.def?.[fact] as ((data: unknown) => FactValue<K>) | undefined;
  return fn && gn.ports ? fn(gn.data) : undefined;
}

/** Node ids reachable from the entries (entries included), breadth-first, iterative. */
export function reachableFrom(graph: FlowGraph, starts: readonly string[]): Set<string> {
  const seen = new Set<string>(starts);
  const queue = [...starts];
  for (let head = 0; head < queue.length; head++) {
    for (const next of graph.succ.get(queue[head]!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

/**
 * Nodes that some path from the entries reaches without first passing a node for which `passes`
 * holds (the passing node itself is included: it is reached "before" it has been passed).
 * Used for "sales before publicity" and "outcome tested before any touch".
 */
export function reachableBefore(graph: FlowGraph, passes: (gn: GraphNode) => boolean): Set<string> {
  const starts = graph.entries.map((e) => e.node.id);
  const seen = new Set<string>(starts);
  const queue = [...starts];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    const gn = graph.nodes.get(id);
    if (gn && passes(gn)) continue;
    for (const next of graph.succ.get(id) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}
