import { useState, type ReactNode } from 'react';
import type { Catalogue } from '../../../shared/catalogue/schema.js';
import type { Text } from '../../../shared/text.js';
import { useLang } from '../i18n/index.js';
import { Button, Dialog, inputClass, selectClass } from '../governance/ui.js';
import { trpc } from '../trpc.js';
import { FieldRow, formError, FormMessage } from './catalogue-form.js';
import { TX } from './catalogue-text.js';

/** Two names, edited together: the form both groups and units use. */
function NamesForm({ initial, error, busy, extra, onSave, onCancel }: {
  initial: Text; error: ReturnType<typeof formError>; busy: boolean; extra?: ReactNode; onSave: (name: Text) => void; onCancel: () => void;
}) {
  const { pick } = useLang();
  const [name, setName] = useState(initial);
  return (
    <form onSubmit={(e) => { e.preventDefault(); onSave(name); }}>
      <FormMessage error={error} />
      {extra}
      <FieldRow label={TX.nameZh} name="name.zh" error={error}><input className={inputClass} value={name.zh} onChange={(e) => setName({ ...name, zh: e.target.value })} /></FieldRow>
      <FieldRow label={TX.nameEn} name="name.en" error={error}><input className={inputClass} value={name.en} onChange={(e) => setName({ ...name, en: e.target.value })} /></FieldRow>
      <div className="flex justify-end gap-2"><Button onClick={onCancel}>{pick(TX.cancel)}</Button><Button tone="primary" type="submit" disabled={busy}>{pick(TX.save)}</Button></div>
    </form>
  );
}

/** 客户群: the ten groups' names (ids are fixed: the CP fit table and response priors are keyed by them). */
export function CatalogueGroups({ catalogue }: { catalogue: Catalogue }) {
  const { pick } = useLang();
  const utils = trpc.useUtils();
  const [editing, setEditing] = useState<Catalogue['groups'][number] | null>(null);
  const save = trpc.catalogue.saveGroup.useMutation({ onSuccess: () => { void utils.catalogue.get.invalidate(); setEditing(null); } });
  return (
    <section data-testid="catalogue-groups">
      <table className="w-full max-w-2xl text-sm">
        <thead className="text-left text-slate-500"><tr><th className="py-2">{pick(TX.id)}</th><th>{pick(TX.nameZh)}</th><th>{pick(TX.nameEn)}</th><th className="text-right">{pick(TX.actions)}</th></tr></thead>
        <tbody>{catalogue.groups.map((g) => (
          <tr key={g.id} className="border-t border-slate-100">
            <td className="py-1.5 font-mono text-xs text-slate-500">{g.id}</td><td>{g.name.zh}</td><td>{g.name.en}</td>
            <td className="text-right"><button type="button" className="text-brand-700 hover:underline" onClick={() => { save.reset(); setEditing(g); }}>{pick(TX.edit)}</button></td>
          </tr>))}
        </tbody>
      </table>
      {editing && (
        <Dialog title={`${pick(TX.editGroup)} · ${editing.id}`} onClose={() => setEditing(null)}>
          <NamesForm initial={editing.name} error={formError(save.error)} busy={save.isPending} onCancel={() => setEditing(null)} onSave={(name) => save.mutate({ group: { id: editing.id, name } })} />
        </Dialog>
      )}
    </section>
  );
}

type Unit = Catalogue['orgUnits'][number];

/** 组织机构: the province, its cities and their districts; names editable, districts and cities addable. */
export function CatalogueOrg({ catalogue }: { catalogue: Catalogue }) {
  const { pick } = useLang();
  const utils = trpc.useUtils();
  const [editing, setEditing] = useState<{ mode: 'create' | 'update'; unit: Unit } | null>(null);
  const save = trpc.catalogue.saveOrgUnit.useMutation({ onSuccess: () => { void utils.catalogue.get.invalidate(); setEditing(null); } });
  const units = catalogue.orgUnits;
  const root = units.find((u) => u.parent === null);
  const children = (id: string) => units.filter((u) => u.parent === id);
  const levelOf = (u: Unit) => (u.parent === null ? TX.levels.province : u.parent === root?.id ? TX.levels.city : TX.levels.district);
  const parents = units.filter((u) => u.parent === null || u.parent === root?.id);
  const [newId, setNewId] = useState('');
  const [parent, setParent] = useState(root?.id ?? '');
  const row = (u: Unit, depth: number) => (
    <tr key={u.id} className="border-t border-slate-100" data-testid={`unit-${u.id}`}>
      <td className="py-1.5" style={{ paddingLeft: depth * 24 }}>{pick(u.name)}</td>
      <td className="font-mono text-xs text-slate-500">{u.id}</td><td>{pick(levelOf(u))}</td>
      <td className="text-right"><button type="button" className="text-brand-700 hover:underline" onClick={() => { save.reset(); setEditing({ mode: 'update', unit: u }); }}>{pick(TX.edit)}</button></td>
    </tr>
  );
  const rows: ReactNode[] = [];
  const walk = (u: Unit, depth: number) => { rows.push(row(u, depth)); for (const c of children(u.id)) walk(c, depth + 1); };
  if (root) walk(root, 0);
  return (
    <section data-testid="catalogue-org">
      <div className="mb-3 flex justify-end"><Button tone="primary" onClick={() => { save.reset(); setNewId(''); setParent(root?.id ?? ''); setEditing({ mode: 'create', unit: { id: '', name: { zh: '', en: '' }, parent: root?.id ?? null } }); }}>{pick(TX.addUnit)}</Button></div>
      <table className="w-full max-w-3xl text-sm">
        <thead className="text-left text-slate-500"><tr><th className="py-2">{pick(TX.unit)}</th><th>{pick(TX.id)}</th><th>{pick(TX.level)}</th><th className="text-right">{pick(TX.actions)}</th></tr></thead>
        <tbody>{rows}</tbody>
      </table>
      {editing && (
        <Dialog title={pick(editing.mode === 'create' ? TX.addUnit : TX.editUnit)} onClose={() => setEditing(null)}>
          <NamesForm initial={editing.unit.name} error={formError(save.error)} busy={save.isPending} onCancel={() => setEditing(null)}
            extra={editing.mode === 'create' && (
              <div className="grid grid-cols-2 gap-3">
                <FieldRow label={TX.id} name="id" error={formError(save.error)}><input className={inputClass} value={newId} onChange={(e) => setNewId(e.target.value)} /></FieldRow>
                <FieldRow label={TX.parent} name="parent" error={formError(save.error)}>
                  <select className={`${selectClass} w-full`} value={parent} onChange={(e) => setParent(e.target.value)}>
                    {parents.map((p) => <option key={p.id} value={p.id}>{pick(p.name)}</option>)}
                  </select>
                </FieldRow>
              </div>
            )}
            onSave={(name) => save.mutate(editing.mode === 'create'
              ? { mode: 'create', unit: { id: newId.trim(), name, parent } }
              : { mode: 'update', unit: { id: editing.unit.id, name, parent: editing.unit.parent } })} />
        </Dialog>
      )}
    </section>
  );
}
