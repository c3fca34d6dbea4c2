import { useState } from 'react';
import { FIELD_TYPE_LABELS, FIELD_TYPES, type AttributeDef, type FieldType } from '../../../shared/catalogue/subscriber-fields.js';
import type { Text } from '../../../shared/text.js';
import { Button, Dialog, ErrorText, inputClass, localMessage, selectClass } from '../governance/ui.js';
import { formError } from './catalogue-form.js';
import { useLang } from '../i18n/index.js';
import { trpc } from '../trpc.js';
import { AX } from './attributes-text.js';

interface Draft { key: string; zh: string; en: string; type: FieldType; unitZh: string; unitEn: string; descZh: string; descEn: string; options: { value: string; zh: string; en: string }[] }
const empty: Draft = { key: '', zh: '', en: '', type: 'number', unitZh: '', unitEn: '', descZh: '', descEn: '', options: [] };
const toDraft = (a: AttributeDef): Draft => ({
  key: a.id, zh: a.label.zh, en: a.label.en, type: a.type, unitZh: a.unit?.zh ?? '', unitEn: a.unit?.en ?? '', descZh: a.description?.zh ?? '', descEn: a.description?.en ?? '',
  options: a.optionsFrom ? [] : (a.options ?? []).map((o) => ({ value: o.value, zh: o.label.zh, en: o.label.en })),
});

/** 系统设置 › 客户属性 (#18 item 2): the attribute catalogue — define, edit labels and values, delete unused ones. */
export function AttributesPage() {
  const { pick, lang } = useLang();
  const utils = trpc.useUtils();
  const list = trpc.attributes.list.useQuery();
  const [editing, setEditing] = useState<{ mode: 'create' | 'update'; draft: Draft } | null>(null);
  const done = () => void utils.attributes.list.invalidate();
  const define = trpc.attributes.define.useMutation({ onSuccess: () => { done(); setEditing(null); } });
  const update = trpc.attributes.update.useMutation({ onSuccess: () => { done(); setEditing(null); } });
  const remove = trpc.attributes.remove.useMutation({ onSuccess: done });
  const open = (mode: 'create' | 'update', draft: Draft) => { define.reset(); update.reset(); setEditing({ mode, draft }); };

  const save = (d: Draft) => {
    const unit = d.unitZh || d.unitEn ? { zh: d.unitZh, en: d.unitEn } : undefined;
    const description = d.descZh || d.descEn ? { zh: d.descZh, en: d.descEn } : undefined;
    const options = d.type === 'enum' && d.options.length ? d.options.map((o) => ({ value: o.value, label: { zh: o.zh, en: o.en } })) : undefined;
    const edit = { label: { zh: d.zh, en: d.en }, ...(unit ? { unit } : {}), ...(description ? { description } : {}), ...(options ? { options } : {}) };
    if (editing?.mode === 'create') define.mutate({ key: d.key.trim(), type: d.type, ...edit });
    else update.mutate({ key: d.key, ...edit });
  };

  return (
    <div className="p-6" data-testid="attributes-page">
      <h1 className="mb-1 text-xl font-semibold text-slate-800">{pick(AX.title)}</h1>
      <p className="mb-4 max-w-4xl text-sm text-slate-500">{pick(AX.intro)}</p>
      <div className="mb-3 flex justify-end"><Button tone="primary" data-testid="add-attribute" onClick={() => open('create', empty)}>{pick(AX.add)}</Button></div>
      <ErrorText error={list.error} />
      {remove.error && <p role="alert" className="mb-3 text-sm text-danger" data-testid="attribute-delete-error">{localMessage(remove.error.message, lang)}</p>}
      <table className="w-full text-sm">
        <thead className="text-left text-slate-500"><tr>
          <th className="py-2">{pick(AX.key)}</th><th>{pick(AX.labelZh)}</th><th>{pick(AX.labelEn)}</th><th>{pick(AX.type)}</th><th>{pick(AX.unit)}</th>
          <th>{pick(AX.column)}</th><th className="text-right">{pick(AX.actions)}</th>
        </tr></thead>
        <tbody>
          {list.data?.map((a) => (
            <tr key={a.id} className="border-t border-slate-100" data-testid={`attribute-${a.id}`}>
              <td className="py-1.5 font-mono text-xs text-slate-500">{a.id}</td><td>{a.label.zh}</td><td>{a.label.en}</td>
              <td>{pick(FIELD_TYPE_LABELS[a.type])}{a.type === 'enum' && <span className="ml-1 text-xs text-slate-400">({a.optionsFrom ? pick(AX.fromCatalogue) : (a.options ?? []).map((o) => pick(o.label)).join(lang === 'zh' ? '、' : ', ')})</span>}</td>
              <td className="text-slate-500">{a.unit ? pick(a.unit) : ''}</td>
              <td className="font-mono text-xs text-slate-400">{a.column ?? <span className="font-sans">{pick(AX.derived)}</span>}{a.builtin && <span className="ml-1 rounded bg-slate-100 px-1 font-sans text-slate-500">{pick(AX.builtin)}</span>}</td>
              <td className="space-x-2 text-right">
                <button type="button" className="text-brand-700 hover:underline" data-testid={`edit-${a.id}`} onClick={() => open('update', toDraft(a))}>{pick(AX.edit)}</button>
                {!a.builtin && (
                  <button type="button" className="text-danger hover:underline" data-testid={`delete-${a.id}`}
                    onClick={() => { if (window.confirm(pick(AX.confirmDelete).replace('{name}', pick(a.label)))) remove.mutate({ key: a.id }); }}>{pick(AX.remove)}</button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <Dialog title={pick(editing.mode === 'create' ? AX.add : AX.editTitle)} onClose={() => setEditing(null)}>
          <AttributeForm draft={editing.draft} create={editing.mode === 'create'} busy={define.isPending || update.isPending}
            error={formError(editing.mode === 'create' ? define.error : update.error, 0)} onSave={save} onCancel={() => setEditing(null)} />
        </Dialog>
      )}
    </div>
  );
}

function AttributeForm({ draft, create, busy, error, onSave, onCancel }: {
  draft: Draft; create: boolean; busy: boolean; error: ReturnType<typeof formError>; onSave: (d: Draft) => void; onCancel: () => void;
}) {
  const { pick, lang } = useLang();
  const [d, setD] = useState(draft);
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const row = (label: Text, name: string, input: React.ReactNode) => {
    // a value's own problem shows under its row, not under the whole list
    const msg = error?.fields[name] ?? (name === 'options' ? undefined : Object.entries(error?.fields ?? {}).find(([k]) => k.startsWith(`${name}.`))?.[1]);
    return (
      <label className="mb-3 block" data-field={name}>
        <span className="mb-1 block text-sm text-slate-600">{pick(label)}</span>
        {input}
        {msg && <span role="alert" className="mt-1 block text-xs text-danger" data-testid={`error-${name}`}>{localMessage(msg, lang)}</span>}
      </label>
    );
  };
  return (
    <form data-testid="attribute-form" className="w-[34rem] max-w-full" onSubmit={(e) => { e.preventDefault(); onSave(d); }}>
      {error?.message && <p role="alert" className="mb-3 text-sm text-danger" data-testid="attribute-form-error">{localMessage(error.message, lang)}</p>}
      <div className="grid grid-cols-2 gap-x-3">
        {row(AX.key, 'key', <input className={inputClass} name="key" value={d.key} disabled={!create} placeholder={pick(AX.keyHint)} onChange={(e) => set({ key: e.target.value })} />)}
        {row(AX.type, 'type', (
          <select className={`${selectClass} w-full`} name="type" value={d.type} disabled={!create} onChange={(e) => set({ type: e.target.value as FieldType })}>
            {FIELD_TYPES.map((x) => <option key={x} value={x}>{pick(FIELD_TYPE_LABELS[x])}</option>)}
          </select>
        ))}
        {row(AX.labelZh, 'label.zh', <input className={inputClass} name="labelZh" value={d.zh} onChange={(e) => set({ zh: e.target.value })} />)}
        {row(AX.labelEn, 'label.en', <input className={inputClass} name="labelEn" value={d.en} onChange={(e) => set({ en: e.target.value })} />)}
        {row(AX.unitZh, 'unit.zh', <input className={inputClass} name="unitZh" value={d.unitZh} onChange={(e) => set({ unitZh: e.target.value })} />)}
        {row(AX.unitEn, 'unit.en', <input className={inputClass} name="unitEn" value={d.unitEn} onChange={(e) => set({ unitEn: e.target.value })} />)}
        {row(AX.descZh, 'description.zh', <input className={inputClass} name="descZh" value={d.descZh} onChange={(e) => set({ descZh: e.target.value })} />)}
        {row(AX.descEn, 'description.en', <input className={inputClass} name="descEn" value={d.descEn} onChange={(e) => set({ descEn: e.target.value })} />)}
      </div>
      {d.type === 'enum' && row(AX.options, 'options', (
        <div className="space-y-1.5" data-testid="attribute-options">
          {d.options.map((o, i) => {
            const problem = (part: string) => error?.fields[`options.${i}.${part}`];
            const rowMsg = problem('value') ?? problem('label.zh') ?? problem('label.en');
            const mark = (part: string) => (problem(part) ? ' ring-1 ring-danger' : '');
            const edit = (patch: Partial<Draft['options'][number]>) => set({ options: d.options.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            return (
              <div key={i} data-testid={`option-${i}`}>
                <div className="flex gap-1.5">
                  <input className={`${inputClass} w-28${mark('value')}`} aria-label={pick(AX.optionValue)} placeholder={pick(AX.optionValue)} value={o.value} onChange={(e) => edit({ value: e.target.value })} />
                  <input className={`${inputClass}${mark('label.zh')}`} aria-label={pick(AX.labelZh)} placeholder={pick(AX.labelZh)} value={o.zh} onChange={(e) => edit({ zh: e.target.value })} />
                  <input className={`${inputClass}${mark('label.en')}`} aria-label={pick(AX.labelEn)} placeholder={pick(AX.labelEn)} value={o.en} onChange={(e) => edit({ en: e.target.value })} />
                  <button type="button" className="px-1 text-slate-400 hover:text-danger" aria-label={pick(AX.remove)} onClick={() => set({ options: d.options.filter((_, j) => j !== i) })}>✕</button>
                </div>
                {rowMsg && <span role="alert" className="mt-0.5 block text-xs text-danger" data-testid={`error-option-${i}`}>{pick(AX.optionRow).replace('{n}', String(i + 1))}{localMessage(rowMsg, lang)}</span>}
              </div>
            );
          })}
          <button type="button" className="text-sm text-brand-700 hover:underline" data-testid="add-option" onClick={() => set({ options: [...d.options, { value: '', zh: '', en: '' }] })}>{pick(AX.addOption)}</button>
        </div>
      ))}
      <div className="mt-4 flex justify-end gap-2">
        <Button onClick={onCancel}>{pick(AX.cancel)}</Button>
        <Button tone="primary" type="submit" disabled={busy} data-testid="save-attribute">{pick(AX.save)}</Button>
      </div>
    </form>
  );
}
