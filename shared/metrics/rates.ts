/**
 * The campaign rates, defined once (#21 item 5). The engine's KPIs (evaluate gates, goal evaluation,
 * `server/engine/store/kpi.ts`), the live dashboard (`server/engine/store/metrics.ts`) and the evaluation
 * report's totals, group and breakdown rows (`server/monitoring/report.ts`) all compute them here.
 * A rate with nothing to divide by is 0.
 */
const ratio = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

/** Customers contacted per customer treated (enrolled outside the control group). */
export const contactRate = (contacted: number, treated: number): number => ratio(contacted, treated);

/** Responses per customer reached: contacted customers for a run or a group; delivered (else sent) contacts for a touch row. */
export const responseRate = (responded: number, reached: number): number => ratio(responded, reached);

/** Conversions per customer treated (a run or a group), or per contact (a stage, channel or node row). */
export const conversionRate = (converted: number, base: number): number => ratio(converted, base);

/** Revenue per yuan spent. */
export const roi = (revenue: number, cost: number): number => ratio(revenue, cost);

/** Share of a goal reached (reach, responses, conversions, revenue); 0 for a goal of 0. */
export const attainment = (actual: number, goal: number): number => ratio(actual, goal);

/** Lift of the treated conversion rate over the control group's; null without control customers or control conversions. */
export const liftOverControl = (rate: number, controlRate: number, controlCustomers: number): number | null =>
  controlCustomers > 0 && controlRate > 0 ? rate / controlRate - 1 : null;
