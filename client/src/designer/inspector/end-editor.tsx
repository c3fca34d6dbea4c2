import { END_OUTCOME_LABELS, endDataSchema, type EndData } from '../../../../shared/nodes/end/definition.js';
import { useLang } from '../../i18n/index.js';
import type { EditorProps } from './node-editors.js';
import { SchemaForm } from './schema-form.js';

/** End: one enum field, so the schema-derived form is the whole editor. */
export function EndEditor({ data, onChange, readOnly }: EditorProps<EndData>) {
  const { pick } = useLang();
  return (
    <div className="px-4 py-3">
      <SchemaForm schema={endDataSchema} value={data} onChange={(d) => onChange(d)} disabled={readOnly}
        optionLabel={(_f, o) => pick(END_OUTCOME_LABELS[o as EndData['outcome']])} />
    </div>
  );
}
