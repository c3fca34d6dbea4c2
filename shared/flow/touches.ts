import type { Touch } from '../nodes/touch.js';
import { dataOf, type GraphNode } from './graph.js';

/** A touch inside a node, with its path inside the node's data (for issues and the inspector). */
export interface TouchRef {
  touch: Touch;
  path: (string | number)[];
}

/**
 * The touches of a node as the chains a customer can walk through them: a script step is one chain
 * of one; a serial linkage one chain of all its touches; a parallel linkage one chain per lane; a
 * hybrid linkage one chain per lane (its first touch then its follow-ups). Empty for non-touch nodes
 * and for nodes whose data does not parse.
 */
export function touchChains(gn: GraphNode): TouchRef[][] {
  const script = dataOf(gn, 'script');
  if (script) return [[{ touch: script, path: [] }]];
  const linkage = dataOf(gn, 'linkage');
  if (!linkage) return [];
  switch (linkage.mode) {
    case 'serial':
      return [linkage.touches.map((touch, i) => ({ touch, path: ['touches', i] }))];
    case 'parallel':
      return linkage.lanes.map((touch, i) => [{ touch, path: ['lanes', i] }]);
    case 'hybrid':
      return linkage.lanes.map((lane, i) => [
        { touch: lane, path: ['lanes', i] },
        ...lane.followUps.map((touch, j) => ({ touch, path: ['lanes', i, 'followUps', j] })),
      ]);
  }
}

/** Every touch of a node, once. */
export const touchesOf = (gn: GraphNode): TouchRef[] => touchChains(gn).flat();

/** Worst-case contacts one customer receives passing through the node: the longest chain. */
export const worstCaseContacts = (gn: GraphNode): number =>
  touchChains(gn).reduce((max, chain) => Math.max(max, chain.length), 0);
