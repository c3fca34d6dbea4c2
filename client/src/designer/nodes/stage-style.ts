import type { Stage } from '../../../../shared/catalogue/stages.js';

/** Stage colour tokens (styles.css): the same three colours everywhere a stage shows. */
export const STAGE_CLASSES: Record<Stage, { bar: string; chip: string; text: string }> = {
  publicity: { bar: 'bg-publicity', chip: 'bg-publicity-soft text-publicity', text: 'text-publicity' },
  experience: { bar: 'bg-experience', chip: 'bg-experience-soft text-experience', text: 'text-experience' },
  sales: { bar: 'bg-sales', chip: 'bg-sales-soft text-sales', text: 'text-sales' },
};

export const NEUTRAL_BAR = 'bg-slate-300';
