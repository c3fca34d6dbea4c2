import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_BY_ID } from '../../../../../shared/catalogue/channels.js';
import { STAGE_LABELS } from '../../../../../shared/catalogue/stages.js';
import type { Touch } from '../../../../../shared/nodes/touch.js';
import { useLang } from '../../../i18n/index.js';
import { STAGE_CLASSES } from '../../nodes/stage-style.js';
import { iconButton } from '../fields.js';

/** A collapsible card for one touch, with reorder and remove; the body is the touch editor. */
export function TouchCard({ index, touch, onUp, onDown, onRemove, disabled, children, defaultOpen = false }: {
  index: number; touch: Touch; onUp?: () => void; onDown?: () => void; onRemove?: () => void; disabled: boolean; children: ReactNode; defaultOpen?: boolean;
}) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const [open, setOpen] = useState(defaultOpen);
  const channel = CHANNEL_BY_ID[touch.channel];
  return (
    <div className="mb-2 rounded-lg border border-slate-200 bg-white" data-testid="touch-card">
      <div className="flex items-center gap-1.5 px-2 py-1.5">
        <button type="button" aria-expanded={open} onClick={() => setOpen((o) => !o)} className="flex min-w-0 flex-1 items-center gap-1.5 text-left text-[13px]">
          <span className="text-slate-400">{open ? '▾' : '▸'}</span>
          <span className="flex h-5 w-5 shrink-0 items-center justify-center rounded-full bg-slate-100 text-[11px] text-slate-600">{index + 1}</span>
          <span className="truncate font-medium text-slate-800">{channel ? pick(channel.label) : touch.channel}</span>
          <span className={`shrink-0 rounded px-1.5 text-[11px] ${STAGE_CLASSES[touch.stage].chip}`}>{pick(STAGE_LABELS[touch.stage])}</span>
        </button>
        {onUp && <button type="button" className={iconButton} disabled={disabled} onClick={onUp} aria-label={t('designer.linkage.moveUp')}>↑</button>}
        {onDown && <button type="button" className={iconButton} disabled={disabled} onClick={onDown} aria-label={t('designer.linkage.moveDown')}>↓</button>}
        {onRemove && <button type="button" className={iconButton} disabled={disabled} onClick={onRemove} aria-label={t('designer.common.remove')}>✕</button>}
      </div>
      {open && <div className="border-t border-slate-100 px-3 pt-3 pb-1">{children}</div>}
    </div>
  );
}
