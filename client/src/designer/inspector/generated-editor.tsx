import type { z } from 'zod';
import { PRODUCTS } from '../../../../shared/catalogue/products.js';
import type { CatalogueList } from '../../../../shared/nodes/define.js';
import { nodeDef } from '../../../../shared/nodes/registry.js';
import { t, type Text } from '../../../../shared/text.js';
import { useLang } from '../../i18n/index.js';
import type { EditorProps } from './node-editors.js';
import { SchemaForm } from './schema-form.js';

const NONE = t('（无）', '(none)');
const GONE = t('（目录中已无）', '(no longer in the catalogue)');

/** A catalogue list as select options, led by "none" (the empty id); a stored id no longer listed stays shown. */
function catalogueOptions(list: CatalogueList, current: unknown, pick: (text: Text) => string): { value: string; label: string }[] {
  const items = list === 'products' ? PRODUCTS.map((p) => ({ value: p.id, label: `${pick(p.name)} · ${p.id}` })) : [];
  const missing = typeof current === 'string' && current !== '' && !items.some((i) => i.value === current) ? [{ value: current, label: `${current} ${pick(GONE)}` }] : [];
  return [{ value: '', label: pick(NONE) }, ...missing, ...items];
}

/**
 * The inspector of a node type with no purpose-built editor: a form generated from its zod schema,
 * labelled by the definition's `form` (field names and enum options in both languages).
 */
export function GeneratedEditor({ type, data, onChange, readOnly }: EditorProps<Record<string, unknown>> & { type: string }) {
  const { pick } = useLang();
  const def = nodeDef(type);
  if (!def) return null;
  const form = def.form;
  return (
    <div className="px-4 py-3" data-testid="generated-editor">
      <SchemaForm schema={def.data as z.ZodType<Record<string, unknown>>} value={data} disabled={readOnly}
        onChange={(d, field) => onChange(d, field)}
        fieldLabel={(f) => (form?.fields?.[f] ? pick(form.fields[f]) : undefined)}
        optionLabel={(f, o) => { const text = form?.options?.[f]?.[o]; return text ? pick(text) : o; }}
        choices={(f) => { const list = form?.choose?.[f]; return list ? catalogueOptions(list, data[f], pick) : undefined; }} />
    </div>
  );
}
