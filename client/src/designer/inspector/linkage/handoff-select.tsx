import { useTranslation } from 'react-i18next';
import { HANDOFF_LABELS, HANDOFF_RULES } from '../../../../../shared/nodes/touch.js';
import { useLang } from '../../../i18n/index.js';
import { Field, Select } from '../fields.js';

type Handoff = (typeof HANDOFF_RULES)[number];

/** How a touch hands the customer to the next one (serial touches, hybrid lanes' first touches). */
export function HandoffSelect({ value, onChange, disabled }: { value: Handoff; onChange: (h: Handoff) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const { pick } = useLang();
  return (
    <Field label={t('designer.linkage.handoff')}>
      {(id) => <Select id={id} value={value} disabled={disabled} testId="handoff-rule" options={HANDOFF_RULES.map((h) => ({ value: h, label: pick(HANDOFF_LABELS[h]) }))} onChange={onChange} />}
    </Field>
  );
}
