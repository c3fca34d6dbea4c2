import { z } from 'zod';
import { t, type Text } from '../text.js';

/** The ten customer groups of the provincial case (客户分群). */
export const GROUP_IDS = [
  'student', 'business', 'homemaker', 'farmer', 'senior',
  'young_pro', 'migrant', 'family', 'government', 'youth',
] as const;
export const groupIdSchema = z.enum(GROUP_IDS);
export type GroupId = z.infer<typeof groupIdSchema>;

export const GROUP_LABELS: Record<GroupId, Text> = {
  student: t('学生', 'Students'),
  business: t('商务人士', 'Business people'),
  homemaker: t('家庭主妇', 'Homemakers'),
  farmer: t('农民', 'Farmers'),
  senior: t('夕阳红', 'Seniors'),
  young_pro: t('时尚小资', 'Young urban professionals'),
  migrant: t('外来务工', 'Migrant workers'),
  family: t('家庭用户', 'Family users'),
  government: t('政企客户', 'Government & enterprise'),
  youth: t('青少年', 'Teenagers'),
};
