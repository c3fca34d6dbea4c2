import { z } from 'zod';
import type { Text } from '../text.js';
import demo from './demo-catalogue.json';

/**
 * The ten customer groups of the provincial case (客户分群). The ids are fixed (the CP fit table and the
 * response priors are keyed by them); their names are catalogue data, refilled by `setCatalogue`.
 */
export const GROUP_IDS = [
  'student', 'business', 'homemaker', 'farmer', 'senior',
  'young_pro', 'migrant', 'family', 'government', 'youth',
] as const;
export const groupIdSchema = z.enum(GROUP_IDS);
export type GroupId = z.infer<typeof groupIdSchema>;

export const GROUP_LABELS = Object.fromEntries(demo.groups.map((g) => [g.id, g.name])) as Record<GroupId, Text>;
