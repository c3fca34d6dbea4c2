import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A modal dialog on the native <dialog> element: focus trap, Esc to close, backdrop. */
export function Dialog({ title, onClose, children, testId }: { title: string; onClose: () => void; children: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={ref} onClose={onClose} data-testid={testId} className="m-auto w-[640px] max-w-[90vw] rounded-xl border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/30">
      <div className="flex items-center border-b border-slate-200 px-5 py-3">
        <h2 className="flex-1 text-base font-semibold">{title}</h2>
        <button type="button" className="rounded px-2 py-1 text-slate-500 hover:bg-slate-100" onClick={() => ref.current?.close()}>{t('common.close')}</button>
      </div>
      <div className="max-h-[65vh] overflow-y-auto p-5">{children}</div>
    </dialog>
  );
}
