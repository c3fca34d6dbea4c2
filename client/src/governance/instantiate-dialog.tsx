import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { GROUP_IDS, GROUP_LABELS } from '../../../shared/catalogue/groups.js';
import { CITY_IDS } from '../../../shared/catalogue/org.js';
import { PRODUCTS } from '../../../shared/catalogue/products.js';
import { useLang } from '../i18n/index.js';
import { trpc } from '../trpc.js';
import { copyName } from './template-categories.js';
import { Button, Dialog, ErrorText, Field, inputClass, unitName } from './ui.js';

interface TemplateLite { id: string; name: string; parameters: { key: string; label: string; kind: 'product' | 'segment' | 'text' }[] }

/** Fill a template's parameters and create a new draft flow in the planner's unit, then open it. */
export function InstantiateDialog({ template, onClose }: { template: TemplateLite; onClose: () => void }) {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  // A copy's name by default, never the template's own (and not one of the planner's flows either).
  const flows = trpc.flows.list.useQuery();
  const [typed, setTyped] = useState<string | null>(null);
  const name = typed ?? copyName(template.name, (flows.data ?? []).map((f) => f.name), lang);
  const [values, setValues] = useState<Record<string, string>>({});
  const create = trpc.templates.instantiate.useMutation({
    onSuccess: ({ flowId }) => {
      void utils.templates.invalidate();
      void utils.governance.invalidate();
      onClose();
      void navigate(`/designer/${flowId}`);
    },
  });
  const set = (key: string, v: string) => setValues((s) => ({ ...s, [key]: v }));

  return (
    <Dialog title={`${t('gov.templates.instantiateTitle')} · ${template.name}`} onClose={onClose}>
      <Field label={t('gov.templates.flowName')}><input name="flowName" className={inputClass} value={name} onChange={(e) => setTyped(e.target.value)} /></Field>
      {template.parameters.map((p) => (
        <Field key={p.key} label={`${p.label} ({{${p.key}}})`}>
          {p.kind === 'text' ? (
            <input name={`param-${p.key}`} className={inputClass} value={values[p.key] ?? ''} onChange={(e) => set(p.key, e.target.value)} />
          ) : (
            <select name={`param-${p.key}`} className={inputClass} value={values[p.key] ?? ''} onChange={(e) => set(p.key, e.target.value)}>
              <option value="">{t('gov.templates.choose')}</option>
              {p.kind === 'product'
                ? PRODUCTS.map((x) => <option key={x.id} value={x.id}>{pick(x.name)} · ¥{x.price}</option>)
                : [
                    ...CITY_IDS.map((c) => <option key={c} value={c}>{unitName(c, lang)}</option>),
                    ...GROUP_IDS.map((g) => <option key={g} value={g}>{pick(GROUP_LABELS[g])}</option>),
                  ]}
            </select>
          )}
        </Field>
      ))}
      <ErrorText error={create.error} />
      <div className="mt-3 flex justify-end gap-2">
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button tone="primary" data-testid="create-from-template" disabled={create.isPending || !name.trim()} onClick={() => create.mutate({ templateId: template.id, name, values })}>{t('gov.templates.create')}</Button>
      </div>
    </Dialog>
  );
}
