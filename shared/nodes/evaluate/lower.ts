import type { EvaluateData } from './definition.js';
import type { Guard, MachineState } from '../../machine/types.js';
import { defineLowering } from '../../machine/lower/types.js';

type BranchTest = Extract<EvaluateData, { mode: 'customer' }>['branches'][number]['test'];

const guardFor = (test: BranchTest): Guard =>
  test.kind === 'attribute' ? { kind: 'attribute', condition: test.condition } : { kind: test.kind };

/**
 * customer → a `route` (mode first) with one converted / responded / attribute guard per branch, in
 * branch order, and `otherwise` = the `else` port.
 * kpi → a `route` with one `kpi` guard to `pass`; `otherwise` is the `fail` port (onFail reroute) or
 * a terminal `${node}.stopped` with outcome 'stopped' (onFail stop).
 */
export const evaluateLowering = defineLowering<EvaluateData>({
  entry: (nodeId) => nodeId,
  lower: (nodeId, data, ctx) => {
    if (data.mode === 'customer') {
      const branches = data.branches.map((b) => ({ guard: guardFor(b.test), target: ctx.exit(b.id) }));
      return { states: [{ id: nodeId, node: nodeId, kind: 'route', mode: 'first', branches, otherwise: ctx.exit('else') }] };
    }
    const states: MachineState[] = [];
    let otherwise: string;
    if (data.onFail === 'stop') {
      otherwise = `${nodeId}.stopped`;
      states.push({ id: otherwise, node: nodeId, kind: 'terminal', outcome: 'stopped' });
    } else otherwise = ctx.exit('fail');
    const guard: Guard = { kind: 'kpi', metric: data.metric, op: data.op, threshold: data.threshold };
    states.unshift({ id: nodeId, node: nodeId, kind: 'route', mode: 'first', branches: [{ guard, target: ctx.exit('pass') }], otherwise });
    return { states };
  },
});
