import type { z } from 'zod';
import type { ChannelId } from '../catalogue/channels.js';
import type { Stage } from '../catalogue/stages.js';
import type { Lang, Text } from '../text.js';

/** Palette groups, in palette order. */
export const NODE_CATEGORIES = ['entry', 'channels', 'content', 'control', 'evaluation'] as const;
export type NodeCategory = (typeof NODE_CATEGORIES)[number];

export interface PortDef {
  id: string;
  label: Text;
  /** A required output must be connected; an optional one left open ends the journey with its id as outcome. */
  required: boolean;
}

/**
 * Everything Linkage knows about one node type, in one place: the palette, the canvas view, the
 * inspector, the validator and the compiler all read this. Data is validated by `data`; anything
 * derived from data (ports, stages, channels, summary) is a pure function of it.
 */
export interface NodeTypeDef<T extends string = string, D = unknown> {
  type: T;
  label: Text;
  description: Text;
  /** A short glyph shown on the palette and the node header. */
  icon: string;
  category: NodeCategory;
  /** Whether the node has an input port (only entries have none). */
  hasInput: boolean;
  data: z.ZodType<D>;
  defaults: () => D;
  outputs: (data: D) => PortDef[];
  stages: (data: D) => Stage[];
  channels: (data: D) => ChannelId[];
  summary: (data: D, lang: Lang) => string;
}

/** Identity function that pins the generic parameters so each node file stays fully typed. */
export const defineNodeType = <T extends string, D>(def: NodeTypeDef<T, D>): NodeTypeDef<T, D> => def;
