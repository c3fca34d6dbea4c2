import type { z } from 'zod';
import type { NodeTypeDef } from './define.js';
import { endNode } from './end.js';
import { evaluateNode } from './evaluate.js';
import { linkageNode } from './linkage.js';
import { scriptStepNode } from './script-step.js';
import { segmentNode } from './segment.js';
import { splitNode } from './split.js';
import { waitNode } from './wait.js';

/**
 * The node-type registry. Adding a node type means one new file here plus an entry in the client's
 * view map and the compiler's lowering map — both typed `satisfies Record<NodeType, …>`, so the
 * type checker names whatever is missing.
 */
export const NODE_TYPES = {
  segment: segmentNode,
  linkage: linkageNode,
  script: scriptStepNode,
  wait: waitNode,
  split: splitNode,
  evaluate: evaluateNode,
  end: endNode,
} as const;

export type NodeType = keyof typeof NODE_TYPES;
export const NODE_TYPE_IDS = Object.keys(NODE_TYPES) as [NodeType, ...NodeType[]];

/** The data type of each node type, derived from its zod schema. */
export type NodeDataOf<T extends NodeType> = z.infer<(typeof NODE_TYPES)[T]['data']>;

/** Look up a definition with its data type erased, for generic code (validator, palette). */
export const nodeDef = (type: string): NodeTypeDef<string, unknown> | undefined =>
  isNodeType(type) ? (NODE_TYPES as Record<string, NodeTypeDef<string, unknown>>)[type] : undefined;

/** Own keys only: a node typed "constructor" or "toString" must not find Object.prototype members. */
export const isNodeType = (type: string): type is NodeType => Object.hasOwn(NODE_TYPES, type);
