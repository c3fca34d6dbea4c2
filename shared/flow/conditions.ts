import { z } from 'zod';

export const CONDITION_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'not_in', 'is', 'contains', 'before', 'after', 'within_days'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

/**
 * One comparison on a subscriber attribute; `field` names an attribute of the catalogue (SUBSCRIBER_FIELDS).
 * Values: a number (number, integer, within_days), a string (text eq/contains, a date `YYYY-MM-DD`),
 * true/false, a list of strings (in / not_in; a date range for between) or a number range.
 */
export const conditionSchema = z.object({
  field: z.string().min(1),
  op: z.enum(CONDITION_OPS),
  value: z.union([z.number(), z.boolean(), z.string().max(200), z.array(z.string().max(200)), z.tuple([z.number(), z.number()])]),
});
export type Condition = z.infer<typeof conditionSchema>;

export interface ConditionGroup {
  combinator: 'and' | 'or';
  rules: Condition[];
  groups: ConditionGroup[];
}

/** AND/OR groups nest one level deeper per group; the segment builder shows them as indented cards. */
export const conditionGroupSchema: z.ZodType<ConditionGroup> = z.lazy(() =>
  z.object({
    combinator: z.enum(['and', 'or']),
    rules: z.array(conditionSchema),
    groups: z.array(conditionGroupSchema),
  }),
);

export const emptyGroup = (): ConditionGroup => ({ combinator: 'and', rules: [], groups: [] });
