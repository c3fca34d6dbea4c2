import type { ReactNode } from 'react';
import { bilingualHalves, type Text } from '../../../shared/text.js';
import { useLang } from '../i18n/index.js';
import { localMessage } from '../governance/ui.js';

/** A tRPC error as the page shows it: zod issues by field (path without the input's top key), or one message. */
export interface FormError { fields: Record<string, string>; message: string | null }

export function formError(e: unknown, pathFrom = 1): FormError | null {
  if (!e) return null;
  const err = e as { message?: string; data?: { zodIssues?: { path: (string | number)[]; message: string }[] } | null };
  const issues = err.data?.zodIssues;
  if (issues?.length) return { fields: Object.fromEntries(issues.map((i) => [i.path.slice(pathFrom).join('.'), i.message])), message: null };
  const message = err.message ?? String(e);
  const named = namedField(message);
  return named ? { fields: { [named.field]: named.message }, message: null } : { fields: {}, message };
}

/**
 * The domain's refusals name their field as `中文（id） / id: English`; the form shows such a message under
 * that field, without the field's code (an admin read "属性键「arpu」已存在（key）" above the form).
 */
export function namedField(message: string): { field: string; message: string } | null {
  const { zh, en } = bilingualHalves(message);
  const inZh = /^(.+)（([A-Za-z][\w.]*)）$/.exec(zh);
  const inEn = /^([A-Za-z][\w.]*): (.+)$/.exec(en);
  if (!inZh || !inEn || inZh[2] !== inEn[1]) return null;
  return { field: inZh[2]!, message: `${inZh[1]} / ${inEn[2]![0]!.toUpperCase()}${inEn[2]!.slice(1)}` };
}

/** A labelled input with its own error under it (the server's `中文 / English` shown in the current language). */
export function FieldRow({ label, name, error, children }: { label: Text; name: string; error: FormError | null; children: ReactNode }) {
  const { lang, pick } = useLang();
  const msg = error?.fields[name] ?? Object.entries(error?.fields ?? {}).find(([k]) => k.startsWith(`${name}.`))?.[1];
  return (
    <label className="mb-3 block" data-field={name}>
      <span className="mb-1 block text-sm text-slate-600">{pick(label)}</span>
      {children}
      {msg && <span role="alert" className="mt-1 block text-xs text-danger" data-testid={`error-${name}`}>{localMessage(msg, lang)}</span>}
    </label>
  );
}

export function FormMessage({ error }: { error: FormError | null }) {
  const { lang } = useLang();
  if (!error?.message) return null;
  return <p role="alert" className="mb-3 text-sm text-danger">{localMessage(error.message, lang)}</p>;
}

/** Money and counts in the tables: thousands separators; a cost per contact always to the fen (0.30, not 0.3). */
export const amount = (v: number, minDecimals = 0): string => v.toLocaleString('en-US', { minimumFractionDigits: minDecimals, maximumFractionDigits: 4 });

/** Contact and quiet hours on the 24-hour clock with two digits (08:00–21:00), as the rest of the product writes times. */
export const hourRange = (h: readonly [number, number] | null): string => (h ? h.map((x) => `${String(x).padStart(2, '0')}:00`).join('–') : '—');

export const num = (v: string): number => (v.trim() === '' ? Number.NaN : Number(v));
