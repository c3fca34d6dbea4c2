import type { Guard, Machine, MachineState } from '../../../shared/machine/types.js';

/** A guard in a few words, for the state table. */
export function describeGuard(g: Guard): string {
  switch (g.kind) {
    case 'always': return 'always';
    case 'converted': return 'converted?';
    case 'responded': return 'responded?';
    case 'attribute': return `${g.condition.field} ${g.condition.op} ${JSON.stringify(g.condition.value)}`;
    case 'rule': return `rule(${g.group.combinator}, ${g.group.rules.length} rule(s))`;
    case 'bucket': return `bucket [${g.from}, ${g.to})`;
    case 'kpi': return `${g.metric} ${g.op} ${g.threshold}`;
  }
}

/** What a state does and where it goes, on one line. */
export function describeState(s: MachineState): string {
  switch (s.kind) {
    case 'send': return `${s.channel}/${s.stage} script ${s.script} → ${s.next}; unreachable → ${s.unreachable}`;
    case 'await': return `${Object.entries(s.on).map(([e, to]) => `${e} → ${to}`).join('; ')}; timeout ${s.timeoutHours}h → ${s.timeout}`;
    case 'timer': return `${s.wake.mode === 'duration' ? `${s.wake.hours}h` : s.wake.mode === 'until_time' ? `until ${s.wake.time}` : `until ${s.wake.date}`} → ${s.next}`;
    case 'route': return `${s.mode}: ${s.branches.map((b) => `${describeGuard(b.guard)}${b.channel ? ` [${b.channel}]` : ''} → ${b.target}`).join('; ')}${s.otherwise ? `; otherwise → ${s.otherwise}` : ''}`;
    case 'provision': return `${s.service} ${s.request.benefit}${s.cost ? ` ¥${s.cost}` : ''}${s.request.expiryDays !== undefined ? ` ${s.request.expiryDays}d` : ''}: ${Object.entries(s.on).map(([r, to]) => `${r} → ${to}`).join('; ')}`;
    case 'terminal': return `outcome ${s.outcome}`;
  }
}

/** The machine as a readable table: a header, then one row per state (initial first, then by id). */
export function machineTable(m: Machine): string[] {
  const states = Object.values(m.states).sort((a, b) => (a.id === m.initial ? -1 : b.id === m.initial ? 1 : a.id < b.id ? -1 : 1));
  const idWidth = Math.max(5, ...states.map((s) => s.id.length));
  const nodeWidth = Math.max(4, ...states.map((s) => s.node.length));
  const row = (id: string, kind: string, node: string, what: string) => `${id.padEnd(idWidth)}  ${kind.padEnd(8)}  ${node.padEnd(nodeWidth)}  ${what}`;
  return [
    `flow ${m.flowId}  hash ${m.hash}  initial ${m.initial}  entry ${m.entryNode}`,
    `${states.length} states, ${Object.keys(m.scripts).length} scripts, product ${m.productId}, org ${m.orgUnit}, priority ${m.priority}, period ${m.period.start} – ${m.period.end}`,
    '',
    row('state', 'kind', 'node', 'transitions'),
    row('-'.repeat(idWidth), '-'.repeat(8), '-'.repeat(nodeWidth), '-'.repeat(11)),
    ...states.map((s) => row(s.id, s.kind, s.node, describeState(s))),
  ];
}
