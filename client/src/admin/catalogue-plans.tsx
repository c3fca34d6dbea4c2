import { useState } from 'react';
import type { Catalogue, PlanInput } from '../../../shared/catalogue/schema.js';
import { useLang } from '../i18n/index.js';
import { Button, Dialog, inputClass } from '../governance/ui.js';
import { trpc } from '../trpc.js';
import { amount, FieldRow, formError, FormMessage, num } from './catalogue-form.js';
import { TX } from './catalogue-text.js';

type Draft = { id: string; zh: string; en: string; monthlyFee: string; dataAllowanceMb: string; onSale: boolean };
const empty: Draft = { id: '', zh: '', en: '', monthlyFee: '', dataAllowanceMb: '', onSale: true };
const toDraft = (p: PlanInput): Draft => ({ id: p.id, zh: p.name.zh, en: p.name.en, monthlyFee: String(p.monthlyFee), dataAllowanceMb: String(p.dataAllowanceMb), onSale: p.onSale });

/** 资费套餐: the tariff plans customers are on; add, edit (name, fee, allowance, on sale) and delete an unused one. */
export function CataloguePlans({ catalogue }: { catalogue: Catalogue }) {
  const { pick } = useLang();
  const utils = trpc.useUtils();
  const [editing, setEditing] = useState<{ mode: 'create' | 'update'; draft: Draft } | null>(null);
  const done = () => void utils.catalogue.get.invalidate();
  const save = trpc.catalogue.savePlan.useMutation({ onSuccess: () => { done(); setEditing(null); } });
  const remove = trpc.catalogue.deletePlan.useMutation({ onSuccess: done });
  const open = (mode: 'create' | 'update', draft: Draft) => { save.reset(); remove.reset(); setEditing({ mode, draft }); };
  const err = formError(save.error);

  return (
    <section data-testid="catalogue-plans">
      <div className="mb-3 flex items-start justify-between gap-4">
        <p className="max-w-3xl text-sm text-slate-500">{pick(TX.plansHint)}</p>
        <Button tone="primary" data-testid="add-plan" onClick={() => open('create', empty)}>{pick(TX.addPlan)}</Button>
      </div>
      <FormMessage error={formError(remove.error)} />
      <table className="w-full text-sm">
        <thead className="text-left text-slate-500"><tr>
          <th className="py-2">{pick(TX.id)}</th><th>{pick(TX.nameZh)}</th><th>{pick(TX.nameEn)}</th>
          <th className="text-right">{pick(TX.monthlyFee)}</th><th className="text-right">{pick(TX.allowance)}</th><th className="pl-4">{pick(TX.status)}</th>
          <th className="text-right">{pick(TX.actions)}</th>
        </tr></thead>
        <tbody>
          {catalogue.plans.map((p) => (
            <tr key={p.id} className="border-t border-slate-100" data-testid={`plan-${p.id}`}>
              <td className="py-1.5 font-mono text-xs text-slate-500">{p.id}</td><td>{p.name.zh}</td><td>{p.name.en}</td>
              <td className="text-right tabular-nums">{amount(p.monthlyFee)}</td><td className="text-right tabular-nums">{amount(p.dataAllowanceMb)}</td>
              <td className={`pl-4 ${p.onSale ? 'text-slate-700' : 'text-slate-400'}`}>{pick(p.onSale ? TX.onSale : TX.offSale)}</td>
              <td className="space-x-2 text-right">
                <button type="button" className="text-brand-700 hover:underline" data-testid={`edit-${p.id}`} onClick={() => open('update', toDraft(p))}>{pick(TX.edit)}</button>
                <button type="button" className="text-danger hover:underline" data-testid={`delete-${p.id}`}
                  onClick={() => { if (window.confirm(pick(TX.confirmDeletePlan).replace('{name}', pick(p.name)))) remove.mutate({ id: p.id }); }}>{pick(TX.remove)}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <Dialog title={pick(editing.mode === 'create' ? TX.addPlan : TX.editPlan)} onClose={() => setEditing(null)}>
          <PlanForm draft={editing.draft} create={editing.mode === 'create'} error={err} busy={save.isPending}
            onCancel={() => setEditing(null)}
            onSave={(d) => save.mutate({ mode: editing.mode, plan: { id: d.id.trim(), name: { zh: d.zh, en: d.en }, monthlyFee: num(d.monthlyFee), dataAllowanceMb: num(d.dataAllowanceMb), onSale: d.onSale } })} />
        </Dialog>
      )}
    </section>
  );
}

function PlanForm({ draft, create, error, busy, onSave, onCancel }: {
  draft: Draft; create: boolean; error: ReturnType<typeof formError>; busy: boolean; onSave: (d: Draft) => void; onCancel: () => void;
}) {
  const { pick } = useLang();
  const [d, setD] = useState(draft);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  return (
    <form data-testid="plan-form" onSubmit={(e) => { e.preventDefault(); onSave(d); }}>
      <FormMessage error={error} />
      <FieldRow label={TX.id} name="id" error={error}><input className={inputClass} name="id" value={d.id} disabled={!create} onChange={(e) => set({ id: e.target.value })} /></FieldRow>
      <div className="grid grid-cols-2 gap-3">
        <FieldRow label={TX.nameZh} name="name.zh" error={error}><input className={inputClass} name="nameZh" value={d.zh} onChange={(e) => set({ zh: e.target.value })} /></FieldRow>
        <FieldRow label={TX.nameEn} name="name.en" error={error}><input className={inputClass} name="nameEn" value={d.en} onChange={(e) => set({ en: e.target.value })} /></FieldRow>
        <FieldRow label={TX.monthlyFee} name="monthlyFee" error={error}><input className={inputClass} name="monthlyFee" inputMode="decimal" value={d.monthlyFee} onChange={(e) => set({ monthlyFee: e.target.value })} /></FieldRow>
        <FieldRow label={TX.allowance} name="dataAllowanceMb" error={error}><input className={inputClass} name="dataAllowanceMb" inputMode="numeric" value={d.dataAllowanceMb} onChange={(e) => set({ dataAllowanceMb: e.target.value })} /></FieldRow>
      </div>
      <label className="mb-3 flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" name="onSale" checked={d.onSale} onChange={(e) => set({ onSale: e.target.checked })} />{pick(TX.onSale)}
      </label>
      <div className="mt-2 flex justify-end gap-2">
        <Button onClick={onCancel}>{pick(TX.cancel)}</Button>
        <Button tone="primary" type="submit" disabled={busy} data-testid="save-plan">{pick(TX.save)}</Button>
      </div>
    </form>
  );
}
