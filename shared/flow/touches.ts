import type { TouchRef } from '../nodes/define.js';
import { factOf, type GraphNode } from './graph.js';

export type { TouchRef };

/**
 * The touches of a node as the chains a customer can walk through them (the definition's `touches`:
 * a script step is one chain of one; a serial linkage one chain; parallel lanes one chain each).
 * Empty for non-touch nodes and for nodes whose data does not parse.
 */
export const touchChains = (gn: GraphNode): TouchRef[][] => factOf(gn, 'touches') ?? [];

/** Every touch of a node, once. */
export const touchesOf = (gn: GraphNode): TouchRef[] => touchChains(gn).flat();

/** Worst-case contacts one customer receives passing through the node: the longest chain. */
export const worstCaseContacts = (gn: GraphNode): number =>
  touchChains(gn).reduce((max, chain) => Math.max(max, chain.length), 0);
