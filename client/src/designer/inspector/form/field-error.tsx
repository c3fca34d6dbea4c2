/** A field's own message, right under it; `testId` ties it to the field for tests and screen readers. */
export function FieldError({ error, testId }: { error: string | null; testId?: string | undefined }) {
  if (!error) return null;
  return <p className="mt-1 text-[11px] text-danger" role="alert" data-testid={testId ? `${testId}-error` : 'field-error'}>{error}</p>;
}

/** `12 / 1000`, turning red past the limit. */
export function LengthCounter({ length, max, extra, testId }: { length: number; max: number; extra?: string; testId?: string | undefined }) {
  return (
    <span className={`tabular-nums ${length > max ? 'font-medium text-danger' : 'text-slate-400'}`} data-testid={testId ? `${testId}-count` : undefined}>
      {length} / {max}{extra ? ` · ${extra}` : ''}
    </span>
  );
}
