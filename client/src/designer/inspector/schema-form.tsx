import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { Field, NumberInput, Select, TextInput, Toggle } from './fields.js';

type Def = { type: string; shape?: Record<string, z.ZodType>; entries?: Record<string, string>; innerType?: z.ZodType; values?: unknown[] };
const defOf = (s: z.ZodType): Def => (s as unknown as { def: Def }).def;

/** Unwrap optional / default / nullable so the field kind shows. */
function core(s: z.ZodType): z.ZodType {
  let cur = s;
  for (let d = defOf(cur); (d.type === 'optional' || d.type === 'default' || d.type === 'nullable') && d.innerType; d = defOf(cur)) cur = d.innerType;
  return cur;
}

/** Fields a schema-derived form can render: primitives and enums; others need a purpose-built editor. */
export function simpleFields(schema: z.ZodType): string[] {
  const d = defOf(schema);
  if (d.type !== 'object' || !d.shape) return [];
  return Object.entries(d.shape).filter(([, s]) => ['number', 'string', 'boolean', 'enum'].includes(defOf(core(s)).type)).map(([k]) => k);
}

/**
 * A form derived from a zod object schema: one input per primitive / enum field, labelled from
 * `fieldLabel` or `designer.fields.<name>` and option labels from `optionLabel`. Complex fields are skipped.
 */
export function SchemaForm<T extends Record<string, unknown>>({ schema, value, onChange, fieldLabel, optionLabel, choices, errors, only, disabled }: {
  schema: z.ZodType<T>;
  value: T;
  onChange: (next: T, field: string) => void;
  /** A label for a field; undefined falls back to `designer.fields.<name>`, then the name. */
  fieldLabel?: (field: string) => string | undefined;
  optionLabel?: (field: string, option: string) => string;
  /** A text field's value chosen from a list (ids with labels) instead of typed. */
  choices?: (field: string) => { value: string; label: string }[] | undefined;
  errors?: Record<string, string>;
  only?: readonly string[];
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const shape = defOf(schema).shape ?? {};
  const fields = simpleFields(schema).filter((f) => !only || only.includes(f));
  const label = (f: string) => fieldLabel?.(f) ?? (i18n.exists(`designer.fields.${f}`) ? t(`designer.fields.${f}`) : f);
  return (
    <>
      {fields.map((f) => {
        const d = defOf(core(shape[f]!));
        const v = value[f];
        const set = (x: unknown) => onChange({ ...value, [f]: x }, f);
        const listed = d.type === 'string' ? choices?.(f) : undefined;
        if (d.type === 'boolean') return <Toggle key={f} label={label(f)} checked={v === true} onChange={set} disabled={disabled} testId={`field-${f}`} />;
        return (
          <Field key={f} label={label(f)} error={errors?.[f]}>
            {(id) =>
              d.type === 'number' ? <NumberInput id={id} value={typeof v === 'number' ? v : 0} onChange={set} disabled={disabled} testId={`field-${f}`} />
              : listed ? <Select id={id} value={typeof v === 'string' ? v : ''} onChange={set} disabled={disabled} testId={`field-${f}`} options={listed} />
              : d.type === 'enum' ? <Select id={id} value={String(v)} onChange={set} disabled={disabled} testId={`field-${f}`} options={Object.values(d.entries ?? {}).map((o) => ({ value: o, label: optionLabel?.(f, o) ?? o }))} />
              : <TextInput id={id} value={typeof v === 'string' ? v : ''} onChange={set} disabled={disabled} testId={`field-${f}`} />
            }
          </Field>
        );
      })}
    </>
  );
}
