import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ConfirmDialogProps {
  /** Shown while true; closing (Esc, Cancel, ✕) calls `onCancel`, the parent then sets it false. */
  open: boolean;
  title: string;
  /** What will happen, in the user's words: audience, first send, cost, who loses access… */
  children?: ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  /** `danger` for steps that stop sending or lock someone out. */
  tone?: 'primary' | 'danger';
  /** Disables confirm while a request runs, or while the content is not ready to decide on. */
  busy?: boolean;
  confirmDisabled?: boolean;
  /** A server error to show inside the dialog (the dialog stays open so the user can retry or cancel). */
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}

/**
 * The one confirmation dialog for actions that reach customers or lock people out. The native
 * `<dialog>` opened with showModal() makes the rest of the page inert (focus stays inside) and turns
 * Esc into a `cancel` event; we give focus back to the element that opened it when it closes,
 * because a keyboard user must land where they were, not at the top of the page. Cancel has the
 * initial focus so that a stray Enter never sends.
 */
const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Tab from the last control goes to the first and Shift+Tab back: the modal dialog inerts the page, but the browser would otherwise tab out to its own chrome. */
function keepFocusInside(e: React.KeyboardEvent<HTMLDialogElement>): void {
  if (e.key !== 'Tab') return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
  if (!items.length) return;
  const first = items[0]!;
  const last = items[items.length - 1]!;
  if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
  else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
}

export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel, tone = 'primary', busy, confirmDisabled, error, onConfirm, onCancel, testId = 'confirm-dialog' }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  // Give focus back on close, and on unmount while open (the opener may re-render, so look it up late).
  useEffect(() => {
    if (open) return;
    const back = opener.current;
    opener.current = null;
    if (back?.isConnected) back.focus();
  }, [open]);
  useEffect(() => () => { const d = ref.current; if (d?.open) d.close(); opener.current?.focus(); }, []);

  const confirmClass = tone === 'danger' ? 'bg-danger text-white hover:bg-red-700' : 'bg-brand-600 text-white hover:bg-brand-700';
  return (
    <dialog
      ref={ref}
      data-testid={testId}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(e) => { e.preventDefault(); if (!busy) onCancel(); }}
      onKeyDown={keepFocusInside}
      className="m-auto w-full max-w-lg rounded-xl bg-white p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="p-6">
        <h2 id={titleId} className="mb-3 text-lg font-semibold text-slate-800">{title}</h2>
        <div id={bodyId} className="text-sm text-slate-700">{children}</div>
        {error && <p role="alert" className="mt-3 text-sm text-danger">{error}</p>}
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" data-testid={`${testId}-cancel`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50" disabled={busy} onClick={onCancel} autoFocus>
            {cancelLabel ?? t('common.cancel')}
          </button>
          <button type="button" data-testid={`${testId}-confirm`} className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-50 ${confirmClass}`} disabled={busy || confirmDisabled} onClick={onConfirm}>
            {confirmLabel ?? t('common.confirm')}
          </button>
        </div>
      </div>
    </dialog>
  );
}
