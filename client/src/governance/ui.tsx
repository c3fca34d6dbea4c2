import { X } from 'lucide-react';
import { useEffect, useRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ORG_UNITS } from '../../../shared/catalogue/org.js';
import { STATUS_LABELS, type FlowStatus } from '../../../shared/governance/lifecycle.js';
import { bilingualHalves } from '../../../shared/text.js';
import { useLang } from '../i18n/index.js';
import { formatDateTime } from '../lib/time.js';

/** Server errors carry both languages as `中文 / English`; show the one the user reads. */
export function localMessage(message: string | undefined, lang: 'zh' | 'en'): string {
  return message ? bilingualHalves(message)[lang] : '';
}

export function ErrorText({ error }: { error: { message: string } | null | undefined }) {
  const { lang } = useLang();
  if (!error) return null;
  return <p role="alert" className="text-sm text-danger">{localMessage(error.message, lang)}</p>;
}

const STATUS_STYLE: Record<FlowStatus, string> = {
  draft: 'bg-slate-100 text-slate-600',
  submitted: 'bg-amber-100 text-amber-800',
  approved: 'bg-brand-100 text-brand-700',
  rejected: 'bg-red-100 text-danger',
  running: 'bg-emerald-100 text-emerald-700',
  paused: 'bg-orange-100 text-orange-700',
  stopped: 'bg-slate-200 text-slate-700',
  completed: 'bg-publicity-soft text-publicity',
  archived: 'bg-slate-50 text-slate-400',
};

/** A flow status as a label: the English words are written for sentences ("the flow is running"), a badge starts with a capital. */
export function statusLabel(status: string, lang: 'zh' | 'en'): string {
  const label = STATUS_LABELS[status as FlowStatus];
  if (!label) return status;
  return lang === 'zh' ? label.zh : label.en.charAt(0).toUpperCase() + label.en.slice(1);
}

export function StatusBadge({ status }: { status: string }) {
  const { lang } = useLang();
  const s = status as FlowStatus;
  return <span data-testid="status" data-status={s} className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ${STATUS_STYLE[s] ?? ''}`}>{statusLabel(status, lang)}</span>;
}

type Tone = 'primary' | 'danger' | 'plain';
const TONE: Record<Tone, string> = {
  primary: 'bg-brand-600 text-white hover:bg-brand-700',
  danger: 'bg-white text-danger border border-red-200 hover:bg-red-50',
  plain: 'bg-white text-slate-700 border border-slate-300 hover:bg-slate-50',
};

export function Button({ tone = 'plain', className = '', ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { tone?: Tone }) {
  return <button type="button" {...rest} className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-50 ${TONE[tone]} ${className}`} />;
}

/**
 * A form in a modal: the native `<dialog>` opened with showModal() keeps focus inside and turns Esc
 * into a close, as the confirmation dialog does; focus goes back to the opener when it unmounts.
 */
export function Dialog({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // The first field, not the close button that comes first in the markup.
      dialog.querySelector<HTMLElement>('input, select, textarea')?.focus();
    }
    return () => { if (dialog?.open) dialog.close(); if (opener?.isConnected) opener.focus(); };
  }, []);
  return (
    <dialog ref={ref} aria-label={title} onCancel={(e) => { e.preventDefault(); onClose(); }}
      className={`m-auto max-h-[calc(100%-2rem)] w-full overflow-auto rounded-xl bg-white p-6 shadow-xl backdrop:bg-slate-900/30 ${wide ? 'max-w-3xl' : 'max-w-lg'}`}>
      <div className="mb-4 flex items-center justify-between">
        <h2 className="text-lg font-semibold text-slate-800">{title}</h2>
        <button type="button" className="text-slate-400 hover:text-slate-700" aria-label={t('common.close')} onClick={onClose}><X aria-hidden className="size-5" /></button>
      </div>
      {children}
    </dialog>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="mb-3 block">
      <span className="mb-1 block text-sm text-slate-600">{label}</span>
      {children}
    </label>
  );
}

export const inputClass = 'w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-brand-600 focus:outline-none';
export const selectClass = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-brand-600 focus:outline-none';

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-4 flex flex-wrap items-center gap-3">
      <h1 className="mr-auto text-xl font-semibold text-slate-800">{title}</h1>
      {children}
    </div>
  );
}

/** A row timestamp in the one client time zone and format (lib/time). */
export const formatTime = (iso: string, _lang?: 'zh' | 'en') => formatDateTime(iso);

export const unitName = (id: string, lang: 'zh' | 'en') => ORG_UNITS.find((u) => u.id === id)?.name[lang] ?? id;
