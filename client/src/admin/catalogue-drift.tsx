import { useLang } from '../i18n/index.js';
import { trpc } from '../trpc.js';
import { TX } from './catalogue-text.js';

/**
 * "目录自审批后已变更" with what changed, for a running flow whose catalogue values (cost, price, a channel
 * disabled, a product deleted) moved since it was published. Nothing when nothing changed.
 */
export function CatalogueDriftBanner({ flowId }: { flowId: string }) {
  const { pick } = useLang();
  const q = trpc.catalogue.drift.useQuery({ flowId }, { retry: false });
  const items = q.data?.[flowId];
  if (!items?.length) return null;
  return (
    <div role="status" data-testid="catalogue-drift" className="mb-3 rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
      <p className="font-medium">{pick(TX.drift)} <span className="font-normal text-amber-800">— {pick(TX.driftHint)}</span></p>
      <ul className="mt-1 list-disc pl-5">{items.map((i) => <li key={`${i.subject}.${i.field}`}>{pick(i.text)}</li>)}</ul>
    </div>
  );
}

/** The flow list's marker: one query for every visible flow (cached), a badge with the changes as its tooltip. */
export function CatalogueDriftBadge({ flowId }: { flowId: string }) {
  const { pick } = useLang();
  const q = trpc.catalogue.drift.useQuery({}, { retry: false, staleTime: 30_000 });
  const items = q.data?.[flowId];
  if (!items?.length) return null;
  return (
    <span data-testid="catalogue-drift-badge" title={items.map((i) => pick(i.text)).join('\n')}
      className="inline-block rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-amber-800">{pick(TX.drift)}</span>
  );
}
