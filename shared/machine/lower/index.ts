import type { NodeType } from '../../nodes/registry.js';
import { endLowering } from './end.js';
import { evaluateLowering } from './evaluate.js';
import { linkageLowering } from './linkage.js';
import { scriptStepLowering } from './script-step.js';
import { segmentLowering } from './segment.js';
import { splitLowering } from './split.js';
import type { Lowering } from './types.js';
import { waitLowering } from './wait.js';

/**
 * How each node type compiles. Typed `satisfies Record<NodeType, Lowering>`: registering a node type
 * in `shared/nodes/registry.ts` without a lowering here is a type error.
 */
export const LOWERINGS = {
  segment: segmentLowering,
  linkage: linkageLowering,
  script: scriptStepLowering,
  wait: waitLowering,
  split: splitLowering,
  evaluate: evaluateLowering,
  end: endLowering,
} satisfies Record<NodeType, Lowering>;

/** The lowering for a node type, with its data type widened for the generic compile loop. */
export const loweringFor = (type: NodeType): Lowering => LOWERINGS[type] as Lowering;
