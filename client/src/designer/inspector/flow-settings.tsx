import { useTranslation } from 'react-i18next';
import { PRODUCTS } from '../../../../shared/catalogue/products.js';
import { goalSchema } from '../../../../shared/flow/document.js';
import { useLang } from '../../i18n/index.js';
import { useCatalogueVersion } from '../../lib/catalogue.js';
import { useDesigner, useDesignerApi } from '../store/context.js';
import { DateInput, Field, inputClass, NumberInput, Section, Select } from './fields.js';
import { SchemaForm } from './schema-form.js';

/** With nothing selected: the campaign itself — offer, period, priority, goals and budget. */
export function FlowSettings() {
  const { t } = useTranslation();
  const { pick } = useLang();
  // The product picker lists the live catalogue: render again when an admin's edit arrives.
  useCatalogueVersion();
  const api = useDesignerApi();
  const { doc, readOnly, all } = useDesigner((s) => ({ doc: s.doc, readOnly: s.flow?.readOnly ?? false, all: s.issues }));
  const issues = all.filter((i) => !i.nodeId && !i.edgeId);
  const set = api.getState().setMeta;
  return (
    <div data-testid="flow-settings">
      <div className="border-b border-slate-100 px-4 py-3">
        <h2 className="text-sm font-semibold text-slate-800">{t('designer.settings.title')}</h2>
        <p className="text-[11px] text-slate-400">{t('designer.settings.hint')}</p>
      </div>
      {issues.length > 0 && (
        <ul className="border-b border-slate-100 bg-slate-50 px-4 py-2">
          {issues.map((i, n) => <li key={n} className={`text-xs ${i.severity === 'error' ? 'text-danger' : 'text-warning'}`}>• {pick(i.message)}</li>)}
        </ul>
      )}
      <Section title={t('designer.settings.campaign')}>
        <Field label={t('designer.settings.description')}>
          {(id) => <textarea id={id} rows={2} className={inputClass} value={doc.description} disabled={readOnly} onChange={(e) => set({ description: e.target.value.slice(0, 2000) }, 'description')} />}
        </Field>
        <Field label={t('designer.settings.product')} hint={t('designer.settings.productHint')}>
          {(id) => <Select id={id} value={doc.productId} disabled={readOnly} onChange={(productId) => set({ productId })} options={PRODUCTS.map((p) => ({ value: p.id, label: `${pick(p.name)} · ¥${p.price}` }))} />}
        </Field>
        <div className="grid grid-cols-2 gap-2">
          <Field label={t('designer.settings.start')}>
            {(id) => <DateInput id={id} value={doc.period.start} disabled={readOnly} onChange={(start) => set({ period: { ...doc.period, start } })} testId="period-start" />}
          </Field>
          <Field label={t('designer.settings.end')}>
            {(id) => <DateInput id={id} value={doc.period.end} disabled={readOnly} onChange={(end) => set({ period: { ...doc.period, end } })} testId="period-end" />}
          </Field>
        </div>
        <Field label={t('designer.settings.priority')} hint={t('designer.settings.priorityHint')}>
          {(id) => <NumberInput id={id} value={doc.priority} min={1} max={100} integer disabled={readOnly} onChange={(priority) => set({ priority }, 'priority')} testId="flow-priority" />}
        </Field>
      </Section>
      <Section title={t('designer.settings.goals')}>
        <div className="grid grid-cols-2 gap-x-2">
          <SchemaForm schema={goalSchema} value={doc.goal} disabled={readOnly} onChange={(goal, field) => set({ goal }, `goal.${field}`)} />
        </div>
        <p className="text-[11px] text-slate-400" data-testid="goals-hint">{t('designer.settings.goalsHint')}</p>
      </Section>
    </div>
  );
}
