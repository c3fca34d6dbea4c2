import type { ReactNode } from 'react';

export interface Kpi { key: string; label: string; value: number; text: string; sub?: ReactNode; tone?: 'brand' | 'plain' | 'warn'; hint?: string }

/** A row of KPI tiles; each carries its raw value in `data-value` so tests can compare numbers, not formatting. */
export function KpiCards({ items }: { items: Kpi[] }) {
  return (
    <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5 xl:grid-cols-10 print:grid-cols-5">
      {items.map((k) => (
        <div key={k.key} data-testid={`kpi-${k.key}`} data-value={k.value} title={k.hint} className="rounded-lg border border-slate-200 bg-white px-3 py-2 print:break-inside-avoid">
          <div className="text-xs leading-tight text-slate-500">{k.label}{k.hint && <span aria-hidden className="ml-1 cursor-help text-slate-400">ⓘ</span>}</div>
          <div className={`mt-0.5 text-lg font-semibold tabular-nums ${k.tone === 'brand' ? 'text-brand-700' : k.tone === 'warn' && k.value > 0 ? 'text-amber-700' : 'text-slate-800'}`}>{k.text}</div>
          {k.sub && <div className="text-[11px] leading-tight text-slate-400">{k.sub}</div>}
        </div>
      ))}
    </div>
  );
}

/** A titled white panel. */
export function Panel({ title, children, right, className = '', testId }: { title: string; children: ReactNode; right?: ReactNode; className?: string; testId?: string }) {
  return (
    <section className={`rounded-lg border border-slate-200 bg-white p-4 print:break-inside-avoid ${className}`} data-testid={testId} aria-label={title}>
      <div className="mb-2 flex items-center gap-2">
        <h2 className="mr-auto text-sm font-semibold text-slate-700">{title}</h2>
        {right}
      </div>
      {children}
    </section>
  );
}
