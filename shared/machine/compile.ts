import { t } from '../text.js';
import type { FlowDocument } from '../flow/document.js';
import { reachableFrom, type FlowGraph } from '../flow/graph.js';
import { errorsOf, issue, type Issue } from '../flow/issues.js';
import type { Script } from '../flow/script.js';
import { analyseFlow } from '../flow/validate.js';
import type { NodeTypeDef } from '../nodes/define.js';
import { canonicalize, cyrb64 } from './hash.js';
import type { LoweringContext } from './lower/types.js';
import type { Machine, MachineEntry, MachineState, StateId } from './types.js';

export type CompileResult = { ok: true; machine: Machine } | { ok: false; issues: Issue[] };

/**
 * Compile a flow document to the state machine the engine runs (see `lower/*` for what each node
 * type becomes). Refuses — returning the errors — any document `validateFlow` finds an error in,
 * so the engine only ever sees machines whose every transition points at a real state.
 *
 * Deterministic: only nodes reachable from the entry are lowered, state ids are derived from node
 * and touch ids (`${node}`, `${node}.${touch}.send|await`, `${node}.${port}`), and the result is
 * canonicalised (keys sorted), so the same document gives byte-identical JSON and the same `hash`
 * whatever the order of its nodes and edges.
 */
export function compileFlow(doc: FlowDocument): CompileResult {
  const { issues, graph } = analyseFlow(doc);
  const errors = errorsOf(issues);
  if (errors.length > 0 || !graph) return { ok: false, issues: errors };
  try {
    return lowerGraph(graph);
  } catch (e) {
    return { ok: false, issues: [issue('INTERNAL_ERROR', t(`编译失败：${String(e)}`, `Compilation failed: ${String(e)}`))] };
  }
}

function lowerGraph(graph: FlowGraph): CompileResult {
  const entry = graph.entries[0]!;
  const reached = [...reachableFrom(graph, [entry.node.id])].sort();
  // Validation passed, so every reached node has a known type and parsed data.
  const def = (id: string) => graph.nodes.get(id)!.def as NodeTypeDef;
  const data = (id: string) => graph.nodes.get(id)!.data;
  const entryState = new Map(reached.map((id) => [id, def(id).lower.entry(id, data(id))]));

  const states = new Map<StateId, MachineState>();
  const scripts: Record<string, Script> = {};
  const add = (s: MachineState) => {
    if (states.has(s.id)) throw new Error(`state id "${s.id}" produced twice`);
    states.set(s.id, s);
  };
  let initial: StateId | undefined;
  let machineEntry: MachineEntry | undefined;
  // One context for all nodes (no closures per node): `current` is the node being lowered.
  let current = '';
  const ctx: LoweringContext = {
    exit(port) {
      const target = graph.out.get(current)?.get(port);
      const to = target === undefined ? undefined : entryState.get(target);
      if (to) return to;
      const id = `${current}.${port}`;
      if (!states.has(id)) add({ id, node: current, kind: 'terminal', outcome: port });
      return id;
    },
    addScript(key, script) {
      scripts[key] = script;
    },
  };
  for (const nodeId of reached) {
    current = nodeId;
    const lowered = def(nodeId).lower.lower(nodeId, data(nodeId), ctx);
    for (const state of lowered.states) add(state);
    if (lowered.initial !== undefined) initial = lowered.initial;
    if (lowered.entry !== undefined) machineEntry = lowered.entry;
  }
  if (initial === undefined || machineEntry === undefined) throw new Error('the entry produced no initial state');

  const body: Omit<Machine, 'hash'> = {
    version: 1,
    flowId: graph.doc.id,
    initial,
    states: Object.fromEntries(states),
    scripts,
    entry: machineEntry,
    entryNode: entry.node.id,
    productId: graph.doc.productId,
    priority: graph.doc.priority,
    orgUnit: graph.doc.orgUnit,
    period: graph.doc.period,
    goal: graph.doc.goal,
    contactPolicy: graph.doc.contactPolicy ?? {},
  };
  // One deep sort; the hash goes in at its sorted place with a shallow re-sort of the top level.
  const canonical = canonicalize(body);
  const withHash: Record<string, unknown> = { ...canonical, hash: cyrb64(JSON.stringify(canonical)) };
  const machine = Object.fromEntries(Object.keys(withHash).sort().map((k) => [k, withHash[k]])) as unknown as Machine;
  return { ok: true, machine };
}
