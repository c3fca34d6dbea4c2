import type { Lang } from '../../../../shared/text.js';
import type { SimSummary } from '../store/types.js';

/** Counts in the UI language; both use thousands separators (2,000). */
export function formatCount(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 0 }).format(n);
}

export function formatPercent(rate: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

export function formatMoney(n: number, lang: Lang): string {
  return `¥${formatCount(Math.round(n), lang)}`;
}

export type FunnelStep = 'sampled' | 'matched' | 'control' | 'contacted' | 'responded' | 'converted';
export type ShareBase = 'sampled' | 'treated' | 'contacted';
export interface Step {
  key: FunnelStep;
  value: number;
  /** Held out of the flow rather than a stage of it. */
  aside?: boolean;
  /** The step's rate: value / base, with what the base is (the engine's KPI definitions). */
  share?: { base: ShareBase; rate: number };
}

const share = (value: number, base: ShareBase, of: number | null) => (of !== null && of > 0 ? { share: { base, rate: value / of } } : {});

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Sample → matched segment → control held out → contacted → responded → converted, from the
 * simulation summary. Contacted customers come from the contact rate over the treated group
 * (matched minus control), as the engine's KPIs define it. Steps the summary lacks are left out.
 */
export function funnelSteps(s: SimSummary): Step[] {
  const sampled = num(s.customers);
  const matched = num(s.enrolled);
  const control = num(s.control) ?? 0;
  const evaluation = s.evaluation as { contactRate?: unknown } | undefined;
  const rate = num(evaluation?.contactRate);
  const steps: Step[] = [];
  const treated = matched === null ? null : matched - control;
  const contacted = treated !== null && rate !== null ? Math.round(rate * treated) : null;
  if (sampled !== null) steps.push({ key: 'sampled', value: sampled });
  if (matched !== null) {
    steps.push({ key: 'matched', value: matched, ...share(matched, 'sampled', sampled) });
    if (control > 0) steps.push({ key: 'control', value: control, aside: true });
  }
  if (contacted !== null) steps.push({ key: 'contacted', value: contacted, ...share(contacted, 'treated', treated) });
  const responded = num(s.responses);
  if (responded !== null) steps.push({ key: 'responded', value: responded, ...share(responded, 'contacted', contacted) });
  const converted = num(s.conversions);
  if (converted !== null) steps.push({ key: 'converted', value: converted, ...share(converted, 'treated', treated) });
  return steps;
}

/** "样本 2,000 → 符合客群 99（对照组 5）→ …" as one line; a held-out step goes in brackets after the step it leaves. */
export function funnelLine(steps: Step[], label: (k: FunnelStep) => string, lang: Lang): string {
  const [open, close] = lang === 'en' ? [' (', ')'] : ['（', '）'];
  const parts: string[] = [];
  for (const st of steps) {
    const text = `${label(st.key)} ${formatCount(st.value, lang)}`;
    if (st.aside && parts.length) parts[parts.length - 1] += `${open}${text}${close}`;
    else parts.push(text);
  }
  return parts.join(' → ');
}
