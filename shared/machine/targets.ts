import type { MachineState, StateId } from './types.js';

/** Every state a state can move to, in a fixed order. For closure checks, graph views and reachability over a machine. */
export function stateTargets(s: MachineState): StateId[] {
  switch (s.kind) {
    case 'send': return [s.next, s.unreachable];
    case 'await': return [...Object.values(s.on), s.timeout];
    case 'timer': return [s.next];
    case 'route': return [...s.branches.map((b) => b.target), ...(s.otherwise === null ? [] : [s.otherwise])];
    case 'provision': return [s.on.granted, s.on.failed, s.on.already_held];
    case 'terminal': return [];
  }
}
