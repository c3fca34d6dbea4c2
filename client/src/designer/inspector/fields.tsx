import { useId, type ReactNode } from 'react';
import { DateInput as AppDateInput } from '../../lib/date-input.js';
import { inputClass } from './form/styles.js';

export { inputBase, inputClass } from './form/styles.js';
/** Every typed field of the inspector keeps a draft and validates as typed (form/use-draft.ts). */
export { NumberField as NumberInput } from './form/number-field.js';
export { TextField as TextInput } from './form/text-field.js';

/** A labelled form row; `error` shows the validator's message for this field. */
export function Field({ label, hint, error, className, children }: { label: string; hint?: string; error?: string | undefined; className?: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className={`mb-3 min-w-0 ${className ?? ''}`}>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">{label}</label>
      {children(id)}
      {hint && !error && <p className="mt-1 text-[11px] text-slate-400">{hint}</p>}
      {error && <p className="mt-1 text-[11px] text-danger" role="alert">{error}</p>}
    </div>
  );
}

/** The app's date box (lib/date-input.tsx) with the inspector's input look. */
export function DateInput(props: { id?: string; value: string; onChange: (v: string) => void; disabled?: boolean; testId?: string }) {
  return <AppDateInput {...props} className={inputClass} />;
}

export function Select<T extends string>({ id, value, options, onChange, disabled, testId }: {
  id?: string; value: T; options: readonly { value: T; label: string }[]; onChange: (v: T) => void; disabled?: boolean; testId?: string;
}) {
  return (
    <select id={id} className={inputClass} value={value} disabled={disabled} data-testid={testId} onChange={(e) => onChange(e.target.value as T)}>
      {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
    </select>
  );
}

export function Toggle({ label, checked, onChange, disabled, testId }: { label: string; checked: boolean; onChange: (v: boolean) => void; disabled?: boolean; testId?: string }) {
  return (
    <label className="mb-2 flex items-center gap-2 text-[13px] text-slate-700">
      <input type="checkbox" className="h-4 w-4 accent-brand-600" checked={checked} disabled={disabled} data-testid={testId} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

export function Section({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="border-b border-slate-100 px-4 py-3">
      <div className="mb-2 flex items-center"><h3 className="flex-1 text-xs font-semibold tracking-wide text-slate-500">{title}</h3>{action}</div>
      {children}
    </section>
  );
}

export const smallButton = 'rounded border border-slate-300 bg-white px-2 py-0.5 text-[12px] text-slate-600 hover:border-brand-500 hover:text-brand-700 disabled:opacity-40';
export const iconButton = 'flex h-6 w-6 items-center justify-center rounded text-slate-400 hover:bg-slate-100 hover:text-slate-700 disabled:opacity-30';
