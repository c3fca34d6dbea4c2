import { CircleCheck } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { nodeTitles } from '../../../shared/flow/validate/names.js';
import { nodeDef } from '../../../shared/nodes/registry.js';
import { useLang } from '../i18n/index.js';
import { NodeIcon } from '../lib/node-icon.js';
import { trpc } from '../trpc.js';
import { categoryLabel, TEMPLATE_CATEGORIES } from './template-categories.js';
import { Button, Dialog, ErrorText, Field, inputClass, selectClass } from './ui.js';

type Kind = 'product' | 'segment' | 'text';
interface ParamRow { key: string; label: string; kind: Kind }

/** A trainer publishes a flow, or a selection of its nodes, to the template library. */
export function PublishTemplateDialog({ flowId, onClose }: { flowId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const utils = trpc.useUtils();
  const flow = trpc.flows.get.useQuery({ id: flowId });
  const [name, setName] = useState('');
  const [category, setCategory] = useState('');
  const [description, setDescription] = useState('');
  const [tags, setTags] = useState('');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [params, setParams] = useState<ParamRow[]>(() => [{ key: 'product', label: t('gov.templates.kindProduct'), kind: 'product' }]);
  const publish = trpc.templates.publish.useMutation({ onSuccess: () => void utils.templates.invalidate() });
  const nodes = flow.data?.document.nodes ?? [];
  const titles = nodeTitles(nodes);

  useEffect(() => {
    if (!flow.data) return;
    setName((n) => n || flow.data.name);
    setDescription((d) => d || flow.data.document.description);
    setSelected(new Set(flow.data.document.nodes.map((n) => n.id)));
  }, [flow.data]);

  const toggle = (id: string) => setSelected((s) => { const next = new Set(s); if (next.has(id)) next.delete(id); else next.add(id); return next; });
  const setParam = (i: number, patch: Partial<ParamRow>) => setParams((ps) => ps.map((p, k) => (k === i ? { ...p, ...patch } : p)));
  const submit = () =>
    publish.mutate({
      flowId, name, category, description,
      tags: tags.split(/[,，]/).map((s) => s.trim()).filter(Boolean),
      nodeIds: selected.size === nodes.length ? undefined : [...selected],
      parameters: params.filter((p) => p.key.trim() && p.label.trim()),
    });

  if (publish.isSuccess) {
    return (
      <Dialog title={t('gov.templates.publishTitle')} onClose={onClose}>
        <p role="status" className="flex items-start gap-2 rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-700" data-testid="template-published">
          <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0" />
          {t('gov.templates.published', { name, category: categoryLabel(category, lang) })}
        </p>
        <div className="mt-4 flex justify-end gap-2">
          <Link to="/templates" className="rounded-md px-3 py-1.5 text-sm text-brand-700 hover:bg-brand-50">{t('gov.templates.viewLibrary')}</Link>
          <Button tone="primary" onClick={onClose} autoFocus>{t('common.close')}</Button>
        </div>
      </Dialog>
    );
  }
  return (
    <Dialog title={t('gov.templates.publishTitle')} onClose={onClose} wide>
      <div className="grid grid-cols-2 gap-x-4">
        <Field label={t('gov.templates.name')}><input name="templateName" className={inputClass} value={name} onChange={(e) => setName(e.target.value)} /></Field>
        <Field label={t('gov.templates.category')}>
          <select name="category" className={inputClass} value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="" disabled>{t('gov.templates.chooseCategory')}</option>
            {TEMPLATE_CATEGORIES.map((c) => <option key={c.id} value={c.id}>{pick(c.label)}</option>)}
          </select>
        </Field>
      </div>
      <Field label={t('gov.templates.description')}><textarea name="description" rows={2} className={inputClass} value={description} onChange={(e) => setDescription(e.target.value)} /></Field>
      <Field label={t('gov.templates.tags')}><input name="tags" className={inputClass} value={tags} onChange={(e) => setTags(e.target.value)} /></Field>
      <fieldset className="mb-3">
        <legend className="mb-1 text-sm text-slate-600">{t('gov.templates.selectNodes')}</legend>
        <div className="grid grid-cols-2 gap-1 rounded-md border border-slate-200 p-2">
          {nodes.map((n) => (
            <label key={n.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={selected.has(n.id)} onChange={() => toggle(n.id)} />
              <NodeIcon type={n.type} className="size-4 shrink-0 text-slate-500" />
              <NodeName title={titles.get(n.id)?.[lang] ?? n.id} kind={nodeDef(n.type) ? pick(nodeDef(n.type)!.label) : n.type} />
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="mb-3">
        <legend className="mb-1 text-sm text-slate-600">{t('gov.templates.parameters')}</legend>
        {params.map((p, i) => (
          <div key={i} className="mb-1 flex items-center gap-2">
            <input aria-label={t('gov.templates.paramKey')} placeholder={t('gov.templates.paramKey')} className={`${inputClass} max-w-32`} value={p.key} onChange={(e) => setParam(i, { key: e.target.value })} />
            <input aria-label={t('gov.templates.paramLabel')} placeholder={t('gov.templates.paramLabel')} className={inputClass} value={p.label} onChange={(e) => setParam(i, { label: e.target.value })} />
            <select aria-label={t('gov.templates.paramKind')} className={selectClass} value={p.kind} onChange={(e) => setParam(i, { kind: e.target.value as Kind })}>
              <option value="product">{t('gov.templates.kindProduct')}</option>
              <option value="segment">{t('gov.templates.kindSegment')}</option>
              <option value="text">{t('gov.templates.kindText')}</option>
            </select>
            <Button className="shrink-0 whitespace-nowrap" onClick={() => setParams((ps) => ps.filter((_, k) => k !== i))}>{t('gov.templates.remove')}</Button>
          </div>
        ))}
        <button type="button" className="text-sm text-brand-700 hover:underline" onClick={() => setParams((ps) => [...ps, { key: '', label: '', kind: 'text' }])}>{t('gov.templates.addParam')}</button>
        <p className="mt-1 text-xs text-slate-400">{t('gov.templates.placeholderHint', { example: '{{slogan}}' })}</p>
      </fieldset>
      <ErrorText error={publish.error ?? flow.error} />
      <div className="mt-3 flex items-center justify-end gap-2">
        {/* Why publishing is not offered yet: a category is the one required choice without a default. */}
        {!category && <span className="mr-auto text-xs text-slate-500" data-testid="needs-category">{t('gov.templates.chooseCategory')}</span>}
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button tone="primary" data-testid="publish-template" disabled={publish.isPending || !name.trim() || !category.trim() || selected.size === 0} onClick={submit}>{t('gov.templates.publish')}</Button>
      </div>
    </Dialog>
  );
}

/** A node as the canvas names it; its kind too when the title no longer says it. */
function NodeName({ title, kind }: { title: string; kind: string }) {
  return (
    <>
      <span>{title}</span>
      {!title.startsWith(kind) && <span className="text-xs text-slate-400">{kind}</span>}
    </>
  );
}
