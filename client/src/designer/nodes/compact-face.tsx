import { useTranslation } from 'react-i18next';
import type { Issue } from '../../../../shared/flow/issues.js';

/**
 * A node zoomed out past reading: its title and counts in type sized for the screen (the CSS zoom
 * variable divides it back), laid over the node so its size and ports, and the edges, stay put.
 */
export function CompactFace({ title, outputs, issues }: { title: string; outputs: number; issues: Issue[] | undefined }) {
  const { t } = useTranslation();
  const errors = issues?.filter((i) => i.severity === 'error').length ?? 0;
  const warnings = (issues?.length ?? 0) - errors;
  return (
    <div data-testid="compact-face" className="pointer-events-none absolute inset-0 z-[1] flex flex-col items-center justify-center gap-1 rounded-lg bg-white px-2 text-center">
      <span className="line-clamp-2 font-semibold leading-tight text-slate-800" style={{ fontSize: 'clamp(13px, calc(13px / var(--rf-zoom, 0.5)), 40px)' }}>{title}</span>
      <span className="flex flex-wrap justify-center gap-x-[0.4em] leading-tight text-slate-500" style={{ fontSize: 'clamp(11px, calc(11px / var(--rf-zoom, 0.5)), 30px)' }}>
        {outputs > 0 && <span>{t('designer.node.outputs', { count: outputs })}</span>}
        {errors > 0 && <span className="text-danger">{t('designer.node.errors', { count: errors })}</span>}
        {warnings > 0 && <span className="text-warning">{t('designer.node.warnings', { count: warnings })}</span>}
      </span>
    </div>
  );
}
