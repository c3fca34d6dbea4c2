import type { ReactNode } from 'react';
import type { Text } from '../../../shared/text.js';
import { useLang } from '../i18n/index.js';
import { localMessage } from '../governance/ui.js';

/** A tRPC error as the page shows it: zod issues by field (path without the input's top key), or one message. */
export interface FormError { fields: Record<string, string>; message: string | null }

export function formError(e: unknown): FormError | null {
  if (!e) return null;
  const err = e as { message?: string; data?: { zodIssues?: { path: string[]; message: string }[] } | null };
  const issues = err.data?.zodIssues;
  if (issues?.length) return { fields: Object.fromEntries(issues.map((i) => [i.path.slice(1).join('.'), i.message])), message: null };
  return { fields: {}, message: err.message ?? String(e) };
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

export const num = (v: string): number => (v.trim() === '' ? Number.NaN : Number(v));
