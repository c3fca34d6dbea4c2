import { factOf, reachableBefore, reachableFrom, type FlowGraph, type GraphNode } from '../graph.js';
import { issue } from '../issues.js';
import { stronglyConnected } from '../scc.js';
import { touchChains } from '../touches.js';
import { about, fieldName, nodeName, type Report } from './names.js';

/** Nodes no customer can reach: harmless to run (the compiler drops them) but usually a mistake. */
export function checkReachability(graph: FlowGraph, report: Report): void {
  if (graph.entries.length === 0) return;
  const reached = reachableFrom(graph, graph.entries.map((e) => e.node.id));
  for (const gn of graph.nodes.values()) {
    if (reached.has(gn.node.id)) continue;
    report(issue('UNREACHABLE_NODE', about(nodeName(gn), '从入口无法到达，不会有客户经过（编译时忽略）', 'no path from the entry leads here, so no customer passes it (the compiler drops it)'), { nodeId: gn.node.id }));
  }
}

/**
 * Whether a node holds a customer for a positive time on every pass, so a cycle through it cannot
 * spin: the definition's `holdsCustomer` (waits: duration, until-time, or event with a timeout). Touches do
 * NOT count: a send that finds the customer unreachable leaves at once, so a loop of touches can
 * spin on an unreachable customer — and re-contacting in a loop is harassment anyway. A wait
 * until a fixed date does not count either: once the date has passed it no longer delays.
 * Broken or unknown nodes count as breaking, so one bad node does not also raise a cycle error.
 */
export function breaksCycle(gn: GraphNode): boolean {
  if (!gn.def || !gn.ports) return true;
  return factOf(gn, 'holdsCustomer') ?? false;
}

/** A cycle with no wait would move a customer around it without any time passing. */
export function checkCycles(graph: FlowGraph, report: Report): void {
  const ids = [...graph.nodes.keys()].filter((id) => !breaksCycle(graph.nodes.get(id)!));
  const inSub = new Set(ids);
  const succ = (id: string) => (graph.succ.get(id) ?? []).filter((w) => w !== id && inSub.has(w));
  for (const component of stronglyConnected(ids, succ)) {
    if (component.length < 2) continue;
    const members = component.map((id) => graph.nodes.get(id)!).sort((a, b) => a.index - b.index);
    const first = members[0]!;
    const list = (lang: 'zh' | 'en') => members.slice(0, 6).map((m) => nodeName(m)[lang]).join(' → ') + (members.length > 6 ? ' …' : '');
    report(issue('CYCLE_WITHOUT_WAIT', about(nodeName(first), `循环（${list('zh')}）中没有「等待」节点，客户会在循环中空转；请加入等待`, `the cycle ${list('en')} has no Wait node, so customers would spin around it; add a wait`), { nodeId: first.node.id }));
  }
}

/**
 * Funnel order (宣传 → 体验 → 销售): warn for every sales touch that some path from the entry reaches
 * without having passed a publicity touch. Touches are assumed delivered (an unreachable exit
 * counts as passed), otherwise every flow would warn.
 */
export function checkFunnelOrder(graph: FlowGraph, report: Report): void {
  // A node "passes" publicity when every way through it starts with a publicity touch.
  const passes = (gn: GraphNode) => {
    const chains = touchChains(gn);
    return chains.length > 0 && chains.every((c) => c[0]!.touch.stage === 'publicity');
  };
  for (const id of reachableBefore(graph, passes)) {
    const gn = graph.nodes.get(id);
    if (!gn) continue;
    for (const chain of touchChains(gn)) {
      let seen = false;
      for (const { touch, path } of chain) {
        if (touch.stage === 'sales' && !seen) {
          report(issue('SALES_BEFORE_PUBLICITY', about(fieldName(gn, path), '存在未经任何宣传触点就直接销售的路径', 'some path reaches this sales touch without any publicity touch before it'), { nodeId: id, path }));
        }
        if (touch.stage === 'publicity') seen = true;
      }
    }
  }
}

/** "Converted?" / "responded?" before any touch is always false: the branch is dead. */
export function checkOutcomeTests(graph: FlowGraph, report: Report): void {
  for (const id of reachableBefore(graph, (gn) => touchChains(gn).length > 0)) {
    const gn = graph.nodes.get(id);
    if (!gn) continue;
    for (const { label, path } of factOf(gn, 'outcomeTests') ?? []) {
      report(issue('OUTCOME_TEST_BEFORE_TOUCH', about(fieldName(gn, path), `此前没有任何触达，「${label}」分支永远不成立`, `no touch comes before it, so the "${label}" branch can never be taken`), { nodeId: id, path }));
    }
  }
}
