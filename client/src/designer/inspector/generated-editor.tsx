import type { z } from 'zod';
import { nodeDef } from '../../../../shared/nodes/registry.js';
import { useLang } from '../../i18n/index.js';
import type { EditorProps } from './node-editors.js';
import { SchemaForm } from './schema-form.js';

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
        optionLabel={(f, o) => { const text = form?.options?.[f]?.[o]; return text ? pick(text) : o; }} />
    </div>
  );
}
