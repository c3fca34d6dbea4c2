import { z } from 'zod';
import { channelIdSchema } from '../catalogue/channels.js';
import { CURRENT_SCHEMA_VERSION } from './schema-version.js';

/** Version of the flow document: the format's own, or past the newest node-type data upgrade (`schema-version.ts`). */
export { CURRENT_SCHEMA_VERSION };

const isoDate = z.iso.date();

export const flowNodeSchema = z.object({
  id: z.string().min(1).max(64),
  /** Checked against the registry by the validator, so an unknown type is an issue, not a parse failure. */
  type: z.string().min(1),
  position: z.object({ x: z.number(), y: z.number() }),
  /** Checked against the node type's zod schema by the validator (issues carry the zod path). */
  data: z.unknown(),
});
export type FlowNode = z.infer<typeof flowNodeSchema>;

export const flowEdgeSchema = z.object({
  id: z.string().min(1).max(128),
  source: z.string().min(1),
  sourceHandle: z.string().min(1),
  target: z.string().min(1),
  targetHandle: z.string().nullable().optional(),
});
export type FlowEdge = z.infer<typeof flowEdgeSchema>;

export const goalSchema = z.object({
  reach: z.number().int().min(0),
  responses: z.number().int().min(0),
  conversions: z.number().int().min(0),
  /** Yuan. */
  revenue: z.number().min(0),
  /** Yuan; when spent, the run stops sending. */
  budget: z.number().min(0),
  /** Days after the period ends during which late conversions still count. */
  evaluationDays: z.number().int().min(0).max(365),
});
export type Goal = z.infer<typeof goalSchema>;

export const contactPolicyOverrideSchema = z.object({
  dailyCap: z.number().int().min(0).optional(),
  weeklyCap: z.number().int().min(0).optional(),
  /** Used when a touch's channel has no capacity left today. */
  fallbackChannel: channelIdSchema.optional(),
  /**
   * The share of a capacity-limited channel's daily capacity (the catalogue's `dailyCapacity`, e.g.
   * the call centre's 8,000) this flow may use per local day, per channel: 500 → at most 500 of this
   * flow's contacts on that channel a day. Checked by the validator (whole number, 0…capacity), not
   * here, so a bad value is an issue on the field rather than a document that does not load.
   */
  channelCapacity: z.partialRecord(channelIdSchema, z.number()).optional(),
});

export const templateParameterSchema = z.object({
  key: z.string().min(1),
  label: z.string().min(1),
  kind: z.enum(['product', 'segment', 'text']),
});

export const templateMetaSchema = z.object({
  category: z.string().min(1),
  tags: z.array(z.string()),
  parameters: z.array(templateParameterSchema),
});

export const flowDocumentSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lowercase letters, digits and dashes'),
  name: z.string().min(1).max(120),
  description: z.string().max(2000),
  /** The offer this campaign sells; scripts fill {product} and {price} from it. */
  productId: z.string().min(1),
  period: z.object({ start: isoDate, end: isoDate }),
  goal: goalSchema,
  /** Contact arbitration between flows: higher wins the day's contact. Province flows default higher. */
  priority: z.number().int().min(1).max(100),
  /** Owning organisation unit: 'province' or a city id. */
  orgUnit: z.string().min(1),
  contactPolicy: contactPolicyOverrideSchema.optional(),
  /** Present when the document is a template in the library. */
  template: templateMetaSchema.optional(),
  nodes: z.array(flowNodeSchema),
  edges: z.array(flowEdgeSchema),
});
export type FlowDocument = z.infer<typeof flowDocumentSchema>;
