import { useTranslation } from 'react-i18next';
import type { ScriptStepData } from '../../../../shared/nodes/script/definition.js';
import { Section } from './fields.js';
import type { EditorProps } from './node-editors.js';
import { TouchEditor } from './script/touch-editor.js';

/** A script step is one touch: channel, stage, timeout and its script. */
export function ScriptEditor({ data, onChange, readOnly }: EditorProps<ScriptStepData>) {
  const { t } = useTranslation();
  return (
    <Section title={t('designer.touch.title')}>
      <TouchEditor value={data} onChange={onChange} disabled={readOnly} />
    </Section>
  );
}
