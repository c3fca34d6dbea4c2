import { useState } from 'react';
import { useLang } from '../i18n/index.js';
import { ErrorText } from '../governance/ui.js';
import { trpc } from '../trpc.js';
import { CatalogueChannels } from './catalogue-channels.js';
import { CatalogueGroups, CatalogueOrg } from './catalogue-org.js';
import { CataloguePlans } from './catalogue-plans.js';
import { CatalogueProducts } from './catalogue-products.js';
import { TX } from './catalogue-text.js';

const SECTIONS = ['products', 'plans', 'channels', 'groups', 'org'] as const;
type Section = (typeof SECTIONS)[number];

/** 系统设置 › 目录管理 (#18 item 1): products, tariff plans, channels, customer groups and the organisation, as the store keeps them. */
export function CataloguePage() {
  const { pick } = useLang();
  const [section, setSection] = useState<Section>('products');
  const q = trpc.catalogue.get.useQuery();
  return (
    <div className="p-6" data-testid="catalogue-page">
      <h1 className="mb-1 text-xl font-semibold text-slate-800">{pick(TX.title)}</h1>
      <p className="mb-4 max-w-4xl text-sm text-slate-500">{pick(TX.intro)}</p>
      <div className="mb-4 flex gap-2" role="tablist">
        {SECTIONS.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={s === section} data-testid={`catalogue-section-${s}`} onClick={() => setSection(s)}
            className={`rounded-full px-3 py-1 text-sm ${s === section ? 'bg-brand-600 text-white' : 'bg-slate-100 text-slate-700 hover:bg-slate-200'}`}>
            {pick(TX.sections[s])}
          </button>
        ))}
      </div>
      <ErrorText error={q.error} />
      {q.data && section === 'products' && <CatalogueProducts catalogue={q.data.catalogue} />}
      {q.data && section === 'plans' && <CataloguePlans catalogue={q.data.catalogue} />}
      {q.data && section === 'channels' && <CatalogueChannels catalogue={q.data.catalogue} />}
      {q.data && section === 'groups' && <CatalogueGroups catalogue={q.data.catalogue} />}
      {q.data && section === 'org' && <CatalogueOrg catalogue={q.data.catalogue} />}
    </div>
  );
}
