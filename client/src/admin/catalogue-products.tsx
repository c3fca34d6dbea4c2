import { useState } from 'react';
import { PRODUCT_CATEGORIES, PRODUCT_CATEGORY_LABELS, type ProductCategory } from '../../../shared/catalogue/products.js';
import type { Catalogue, ProductInput } from '../../../shared/catalogue/schema.js';
import { useLang } from '../i18n/index.js';
import { DateInput } from '../lib/date-input.js';
import { Button, Dialog, inputClass, selectClass } from '../governance/ui.js';
import { trpc } from '../trpc.js';
import { amount, FieldRow, formError, FormMessage, num } from './catalogue-form.js';
import { TX } from './catalogue-text.js';

type Draft = { id: string; zh: string; en: string; category: ProductCategory; price: string; validFrom: string; validTo: string };
const empty: Draft = { id: '', zh: '', en: '', category: 'data_pack', price: '', validFrom: '', validTo: '' };
const toDraft = (p: ProductInput): Draft => ({ id: p.id, zh: p.name.zh, en: p.name.en, category: p.category, price: String(p.price), validFrom: p.validFrom ?? '', validTo: p.validTo ?? '' });

/** 产品: the offers flows sell; add, edit (name, category, price, validity) and delete. */
export function CatalogueProducts({ catalogue }: { catalogue: Catalogue }) {
  const { pick } = useLang();
  const utils = trpc.useUtils();
  const [editing, setEditing] = useState<{ mode: 'create' | 'update'; draft: Draft } | null>(null);
  const done = () => void utils.catalogue.get.invalidate();
  const save = trpc.catalogue.saveProduct.useMutation({ onSuccess: () => { done(); setEditing(null); } });
  const remove = trpc.catalogue.deleteProduct.useMutation({ onSuccess: done });
  const open = (mode: 'create' | 'update', draft: Draft) => { save.reset(); setEditing({ mode, draft }); };
  const err = formError(save.error);

  return (
    <section data-testid="catalogue-products">
      <div className="mb-3 flex justify-end"><Button tone="primary" data-testid="add-product" onClick={() => open('create', empty)}>{pick(TX.addProduct)}</Button></div>
      <table className="w-full text-sm">
        <thead className="text-left text-slate-500"><tr>
          <th className="py-2">{pick(TX.id)}</th><th>{pick(TX.nameZh)}</th><th>{pick(TX.nameEn)}</th><th>{pick(TX.category)}</th>
          <th className="text-right">{pick(TX.price)}</th><th className="pl-4">{pick(TX.validity)}</th><th className="text-right">{pick(TX.actions)}</th>
        </tr></thead>
        <tbody>
          {catalogue.products.map((p) => (
            <tr key={p.id} className="border-t border-slate-100" data-testid={`product-${p.id}`}>
              <td className="py-1.5 font-mono text-xs text-slate-500">{p.id}</td><td>{p.name.zh}</td><td>{p.name.en}</td>
              <td>{pick(PRODUCT_CATEGORY_LABELS[p.category])}</td><td className="text-right tabular-nums" data-testid={`price-${p.id}`}>{amount(p.price)}</td>
              <td className="pl-4 text-slate-500">{p.validFrom || p.validTo ? `${p.validFrom ?? '…'} – ${p.validTo ?? '…'}` : pick(TX.openEnded)}</td>
              <td className="space-x-2 text-right">
                <button type="button" className="text-brand-700 hover:underline" onClick={() => open('update', toDraft(p))}>{pick(TX.edit)}</button>
                <button type="button" className="text-danger hover:underline" data-testid={`delete-${p.id}`}
                  onClick={() => { if (window.confirm(pick(TX.confirmDelete).replace('{name}', pick(p.name)))) remove.mutate({ id: p.id }); }}>{pick(TX.remove)}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <Dialog title={pick(editing.mode === 'create' ? TX.addProduct : TX.editProduct)} onClose={() => setEditing(null)}>
          <ProductForm draft={editing.draft} create={editing.mode === 'create'} error={err} busy={save.isPending}
            onCancel={() => setEditing(null)}
            onSave={(d) => save.mutate({ mode: editing.mode, product: { id: d.id.trim(), name: { zh: d.zh, en: d.en }, category: d.category, price: num(d.price), validFrom: d.validFrom || null, validTo: d.validTo || null } })} />
        </Dialog>
      )}
    </section>
  );
}

function ProductForm({ draft, create, error, busy, onSave, onCancel }: {
  draft: Draft; create: boolean; error: ReturnType<typeof formError>; busy: boolean; onSave: (d: Draft) => void; onCancel: () => void;
}) {
  const { pick } = useLang();
  const [d, setD] = useState(draft);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  return (
    <form data-testid="product-form" onSubmit={(e) => { e.preventDefault(); onSave(d); }}>
      <FormMessage error={error} />
      <FieldRow label={TX.id} name="id" error={error}><input className={inputClass} name="id" value={d.id} disabled={!create} onChange={(e) => set({ id: e.target.value })} /></FieldRow>
      <div className="grid grid-cols-2 gap-3">
        <FieldRow label={TX.nameZh} name="name.zh" error={error}><input className={inputClass} name="nameZh" value={d.zh} onChange={(e) => set({ zh: e.target.value })} /></FieldRow>
        <FieldRow label={TX.nameEn} name="name.en" error={error}><input className={inputClass} name="nameEn" value={d.en} onChange={(e) => set({ en: e.target.value })} /></FieldRow>
        <FieldRow label={TX.category} name="category" error={error}>
          <select className={`${selectClass} w-full`} name="category" value={d.category} onChange={(e) => set({ category: e.target.value as ProductCategory })}>
            {PRODUCT_CATEGORIES.map((c) => <option key={c} value={c}>{pick(PRODUCT_CATEGORY_LABELS[c])}</option>)}
          </select>
        </FieldRow>
        <FieldRow label={TX.price} name="price" error={error}><input className={inputClass} name="price" inputMode="decimal" value={d.price} onChange={(e) => set({ price: e.target.value })} /></FieldRow>
        <FieldRow label={TX.validFrom} name="validFrom" error={error}><DateInput className={inputClass} optional testId="product-valid-from" value={d.validFrom} onChange={(v) => set({ validFrom: v })} /></FieldRow>
        <FieldRow label={TX.validTo} name="validTo" error={error}><DateInput className={inputClass} optional testId="product-valid-to" value={d.validTo} onChange={(v) => set({ validTo: v })} /></FieldRow>
      </div>
      <div className="mt-2 flex justify-end gap-2">
        <Button onClick={onCancel}>{pick(TX.cancel)}</Button>
        <Button tone="primary" type="submit" disabled={busy} data-testid="save-product">{pick(TX.save)}</Button>
      </div>
    </form>
  );
}
