import type { z } from 'zod';
import type { NodeTypeDef } from './define.js';
import { benefitNode } from './benefit/definition.js';
import { endNode } from './end/definition.js';
import { evaluateNode } from './evaluate/definition.js';
import { linkageNode } from './linkage/definition.js';
import { scriptStepNode } from './script/definition.js';
import { segmentNode } from './segment/definition.js';
import { splitNode } from './split/definition.js';
import { waitNode } from './wait/definition.js';

/**
 * The node-type registry: one line per type, in palette order within each category. Each definition
 * brings everything about its type (see `define.ts` for how to add one); the palette, canvas,
 * inspector, validator, compiler, simulator, monitor view, JSON Schema and property tests all derive
 * from this object, so registering a type here is the only edit outside its own folder.
 */
export const NODE_TYPES = {
  segment: segmentNode,
  linkage: linkageNode,
  script: scriptStepNode,
  wait: waitNode,
  benefit: benefitNode,
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
