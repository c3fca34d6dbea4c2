import { useEffect, useState } from 'react';
import { useDesigner } from '../store/context.js';

/** A toast at the top of the canvas for transient messages; fades after a few seconds. */
export function Notice() {
  const notice = useDesigner((s) => s.notice);
  const [visible, setVisible] = useState<number | null>(null);
  useEffect(() => {
    if (!notice) return;
    setVisible(notice.seq);
    // Long enough to read: a list of removed edges takes longer than "copied".
    const timer = setTimeout(() => setVisible(null), Math.min(12_000, 4000 + notice.text.length * 60));
    return () => clearTimeout(timer);
  }, [notice]);
  if (!notice || visible !== notice.seq) return null;
  return (
    <div role="status" aria-live="polite" data-testid="notice"
      className={`pointer-events-none absolute top-3 left-1/2 z-10 max-w-[70%] -translate-x-1/2 rounded-md px-3 py-2 text-[13px] shadow-md ${notice.tone === 'error' ? 'bg-danger text-white' : 'bg-slate-800 text-white'}`}>
      {notice.text}
    </div>
  );
}
