import { z } from 'zod';
import { t, type Text } from '../text.js';

/** The one-stop model: every touch belongs to one stage (宣传 → 体验 → 销售). */
export const STAGES = ['publicity', 'experience', 'sales'] as const;
export const stageSchema = z.enum(STAGES);
export type Stage = z.infer<typeof stageSchema>;

export const STAGE_LABELS: Record<Stage, Text> = {
  publicity: t('宣传', 'Publicity'),
  experience: t('体验', 'Experience'),
  sales: t('销售', 'Sales'),
};

/** Funnel order: a sales touch before any publicity is suspicious (validator warns). */
export const STAGE_ORDER: Record<Stage, number> = { publicity: 0, experience: 1, sales: 2 };
