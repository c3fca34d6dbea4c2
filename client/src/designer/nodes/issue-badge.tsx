import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../../../../shared/flow/issues.js';
import { useLang } from '../../i18n/index.js';

/** Count of a node's issues, red when any is an error, amber for warnings only; hover lists them. */
export const IssueBadge = memo(function IssueBadge({ issues }: { issues: Issue[] | undefined }) {
  return issues && issues.length > 0 ? <Badge issues={issues} /> : null;
});

/** Split out so that nodes without issues do not each hold translation hooks. */
function Badge({ issues }: { issues: Issue[] }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const errors = issues.filter((i) => i.severity === 'error').length;
  const tone = errors > 0 ? 'bg-danger text-white' : 'bg-warning text-white';
  return (
    <span
      data-testid="issue-badge"
      className={`inline-flex h-5 min-w-5 items-center justify-center rounded-full px-1.5 text-[11px] font-semibold ${tone}`}
      title={issues.map((i) => pick(i.message)).join('\n')}
      aria-label={t('designer.issues.badge', { count: issues.length })}
    >
      {issues.length}
    </span>
  );
}
