import { t } from '../../text.js';
import { reachableFrom, type FlowGraph } from '../graph.js';
import { issue } from '../issues.js';
import { stronglyConnected } from '../scc.js';
import { worstCaseContacts } from '../touches.js';
import { about, nodeName, type Report } from './names.js';

/** The contact policy's default weekly cap per customer when the flow does not override it. */
export const DEFAULT_WEEKLY_CAP = 3;

/**
 * Worst-case contacts per customer, compared with the contact policy. `total` (the longest path
 * in touches from the entry) is compared with the weekly cap — a conservative reading, since a
 * long journey may span weeks; `burst` (the most touches between two waits) with the daily cap when
 * the flow sets one. DP over the strongly connected components (linear); a reachable cycle through
 * a touch makes the count unbounded, which is reported too.
 */
export function checkContactCaps(graph: FlowGraph, report: Report): void {
  const entry = graph.entries[0];
  if (!entry) return;
  const reached = reachableFrom(graph, [entry.node.id]);
  const ids = [...reached];
  const succ = (id: string) => graph.succ.get(id) ?? [];
  const weight = new Map(ids.map((id) => [id, worstCaseContacts(graph.nodes.get(id)!)]));
  // A type that can hold customers (a wait) separates bursts, whatever its data says.
  const isWait = (id: string) => graph.nodes.get(id)!.def?.holdsCustomer !== undefined;

  const compOf = new Map<string, number>();
  const total: number[] = [];
  const burst: number[] = [];
  let maxBurst = 0;
  let unboundedAt: string | undefined;
  const components = stronglyConnected(ids, succ);
  components.forEach((members, c) => {
    for (const id of members) compOf.set(id, c);
    const w = members.reduce((s, id) => s + weight.get(id)!, 0);
    let down = 0;
    let burstDown = 0;
    for (const id of members) {
      for (const s of succ(id)) {
        const sc = compOf.get(s)!;
        if (sc === c) continue;
        down = Math.max(down, total[sc]!);
        burstDown = Math.max(burstDown, burst[sc]!);
      }
    }
    const cyclic = members.length > 1;
    if (cyclic && w > 0) {
      unboundedAt ??= members.find((id) => weight.get(id)! > 0);
      total[c] = Infinity;
      burst[c] = Infinity;
    } else {
      total[c] = w + down;
      burst[c] = members.some(isWait) ? 0 : w + burstDown;
    }
    maxBurst = Math.max(maxBurst, burst[c]!);
  });

  const policy = graph.doc.contactPolicy ?? {};
  const weeklyCap = policy.weeklyCap ?? DEFAULT_WEEKLY_CAP;
  const worst = total[compOf.get(entry.node.id)!]!;
  if (worst === Infinity) {
    const gn = graph.nodes.get(unboundedAt!)!;
    report(issue('CONTACT_CAP_EXCEEDED', about(nodeName(gn), `位于经过触达节点的循环中，单个客户的触达次数没有上限（每周上限 ${weeklyCap} 次）`, `it is on a cycle through touches, so contacts per customer are unbounded (weekly cap ${weeklyCap})`), { nodeId: gn.node.id }));
    return;
  }
  if (worst > weeklyCap) {
    const at = firstNodeOverCap(graph, entry.node.id, weeklyCap, (id) => total[compOf.get(id)!]!, weight);
    const gn = graph.nodes.get(at)!;
    report(issue('CONTACT_CAP_EXCEEDED', about(nodeName(gn), `最坏情况下单个客户被触达 ${worst} 次，在此处超过每周上限 ${weeklyCap} 次；多出的触达会被频控推迟或丢弃`, `in the worst case a customer is contacted ${worst} times, passing the weekly cap of ${weeklyCap} here; the contact policy will defer or drop the extra contacts`), { nodeId: at }));
  }
  if (policy.dailyCap !== undefined && maxBurst > policy.dailyCap) {
    report(issue('CONTACT_CAP_EXCEEDED', t(`两次等待之间最多有 ${maxBurst} 次触达，可能在同一天发生，超过每日上限 ${policy.dailyCap} 次`, `up to ${maxBurst} contacts can happen between two waits, possibly on one day, above the daily cap of ${policy.dailyCap}`), { path: ['contactPolicy', 'dailyCap'] }));
  }
}

/** Follow the worst path from the entry and return the node where the running count passes `cap`. */
function firstNodeOverCap(graph: FlowGraph, start: string, cap: number, down: (id: string) => number, weight: Map<string, number>): string {
  const visited = new Set<string>();
  let id: string | undefined = start;
  let count = 0;
  while (id && !visited.has(id)) {
    visited.add(id);
    count += weight.get(id)!;
    if (count > cap) return id;
    let best: string | undefined;
    for (const s of graph.succ.get(id) ?? []) {
      if (!visited.has(s) && (best === undefined || down(s) > down(best))) best = s;
    }
    id = best;
  }
  return start;
}
