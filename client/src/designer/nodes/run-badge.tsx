import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLang } from '../../i18n/index.js';
import { formatCount } from '../simulate/funnel-steps.js';
import { useDesigner } from '../store/context.js';

/** Simulation counts for one node (entered → completed), shown while the overlay is on. */
export const RunBadge = memo(function RunBadge({ nodeId }: { nodeId: string }) {
  const counts = useDesigner((s) => (s.showOverlay ? s.run?.summary?.nodes[nodeId] : undefined));
  return counts ? <Counts counts={counts} /> : null;
});

/** Split out so that the 500 nodes without counts do not each hold translation hooks. */
function Counts({ counts }: { counts: { entered: number; completed: number } }) {
  const { t } = useTranslation();
  const { lang } = useLang();
  return (
    <span
      data-testid="run-badge"
      // Sized for the screen, not the canvas (zoom-var.tsx sets --rf-zoom): readable at the fit's zoom too. Above the header row, clear of the stage bar.
      style={{ fontSize: 'clamp(11px, calc(11px / var(--rf-zoom, 1)), 30px)' }}
      className="absolute right-0 bottom-full mb-3 rounded-md bg-slate-800 px-[0.7em] py-[0.15em] font-medium whitespace-nowrap text-white shadow"
      title={t('designer.sim.badgeTitle')}
    >
      {t('designer.sim.entered')} {formatCount(counts.entered, lang)} · {t('designer.sim.completed')} {formatCount(counts.completed, lang)}
    </span>
  );
}
