import { z } from 'zod';

/** One comparison on a subscriber attribute; `field` names an entry of SUBSCRIBER_FIELDS. */
export const conditionSchema = z.object({
  field: z.string().min(1),
  op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between', 'in', 'not_in', 'is']),
  value: z.union([z.number(), z.boolean(), z.array(z.string()), z.tuple([z.number(), z.number()])]),
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
