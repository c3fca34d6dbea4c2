import { useTranslation } from 'react-i18next';
import type { ReadableDiff, ReadableField, ReadableItem } from '../../../shared/flow/diff-readable.js';
import { useLang } from '../i18n/index.js';

const BORDER = { added: 'border-emerald-500', removed: 'border-danger', changed: 'border-warning' } as const;

function Fields({ fields }: { fields: ReadableField[] }) {
  const { pick } = useLang();
  if (!fields.length) return null;
  return (
    <dl className="mt-1 space-y-1">
      {fields.map((f, i) => (
        <div key={i} className="text-sm" data-testid="diff-field">
          <dt className="text-xs font-medium text-slate-500">{pick(f.label)}</dt>
          <dd className="whitespace-pre-wrap break-words">
            {f.before && <del className="rounded bg-red-50 px-1 text-danger decoration-red-300" data-testid="diff-before">{pick(f.before)}</del>}
            {f.before && f.after && <span className="mx-1 text-slate-400" aria-hidden>→</span>}
            {f.after && <ins className="rounded bg-emerald-50 px-1 text-emerald-800 no-underline" data-testid="diff-after">{pick(f.after)}</ins>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The changes a reviewer reads before deciding, in words: settings first, then nodes, then connections; moves last. */
export function DiffView({ diff, baseVersion }: { diff: ReadableDiff; baseVersion: number | null }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  const Item = ({ item }: { item: ReadableItem }) => (
    <li data-testid={`diff-${item.kind}`} className={`rounded-md border-l-4 bg-white px-3 py-2 ${BORDER[item.kind]}`}>
      <span className="mr-2 text-xs font-semibold text-slate-500">{t(`gov.inbox.${item.kind}`)}</span>
      <span className="font-medium text-slate-800">{pick(item.title)}</span>
      <Fields fields={item.fields} />
    </li>
  );
  const Section = ({ title, items }: { title: string; items: ReadableItem[] }) => items.length === 0 ? null : (
    <div className="mb-3">
      <h4 className="mb-1 text-sm font-medium text-slate-700">{title}</h4>
      <ul className="space-y-1">{items.map((x, i) => <Item key={i} item={x} />)}</ul>
    </div>
  );
  return (
    <section data-testid="diff-view">
      <p className="mb-2 text-xs text-slate-500">{baseVersion === null ? t('gov.inbox.firstVersion') : t('gov.inbox.base', { v: baseVersion })}</p>
      {diff.empty && baseVersion !== null && <p className="text-sm text-slate-500">{t('gov.inbox.noChanges')}</p>}
      {diff.document.length > 0 && (
        <div className="mb-3 rounded-md border-l-4 border-warning bg-white px-3 py-2" data-testid="diff-document">
          <h4 className="text-sm font-medium text-slate-700">{t('gov.inbox.document')}</h4>
          <Fields fields={diff.document} />
        </div>
      )}
      <Section title={t('gov.inbox.nodes')} items={diff.nodes} />
      <Section title={t('gov.inbox.edges')} items={diff.edges} />
      {diff.moved.length > 0 && <p className="text-xs text-slate-400">{t('gov.inbox.moved')}: {diff.moved.map(pick).join('、')}</p>}
    </section>
  );
}
