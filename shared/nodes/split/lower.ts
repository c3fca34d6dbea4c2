import type { SplitData } from './definition.js';
import type { RouteState } from '../../machine/types.js';
import { defineLowering } from '../../machine/lower/types.js';

/**
 * A `route` (mode first) with one `bucket` guard per branch: consecutive ranges [from, to) of the
 * customer's stable bucket in 0–100, in branch order. The validator guarantees the percentages add
 * up to 100, so the last range is closed at exactly 100 and there is no `otherwise`.
 */
export const splitLowering = defineLowering<SplitData>({
  entry: (nodeId) => nodeId,
  lower: (nodeId, data, ctx) => {
    let from = 0;
    const branches: RouteState['branches'] = data.branches.map((b, i) => {
      const to = i === data.branches.length - 1 ? 100 : from + b.percent;
      const branch = { guard: { kind: 'bucket' as const, from, to }, target: ctx.exit(b.id) };
      from = to;
      return branch;
    });
    return { states: [{ id: nodeId, node: nodeId, kind: 'route', mode: 'first', branches, otherwise: null }] };
  },
});
