import { useTranslation } from 'react-i18next';
import { LINKAGE_MODE_LABELS, LINKAGE_MODES, linkageTouches, type LinkageData } from '../../../../../shared/nodes/linkage/definition.js';
import { useLang } from '../../../i18n/index.js';
import { Field, Section, Select } from '../fields.js';
import type { EditorProps } from '../node-editors.js';
import { CapacityShare } from './capacity-share.js';
import { convertLinkage } from './convert.js';
import { FitPreview } from './fit-preview.js';
import { LaneList } from './lane-list.js';
import { SerialTouchList } from './serial-touch-list.js';

/** Channel linkage: serial chain, parallel lanes (fit or rules) or hybrid lanes with serial follow-ups; the flow's share of each channel it uses. */
export function LinkageEditor({ data, onChange, readOnly }: EditorProps<LinkageData>) {
  const { t } = useTranslation();
  const { pick } = useLang();
  return (
    <>
      <Section title={t('designer.linkage.mode')}>
        <div role="radiogroup" aria-label={t('designer.linkage.mode')} className="mb-2 grid grid-cols-3 overflow-hidden rounded-md border border-slate-300 text-[13px]">
          {LINKAGE_MODES.map((m) => (
            <button key={m} type="button" role="radio" aria-checked={data.mode === m} disabled={readOnly} data-testid={`linkage-mode-${m}`}
              onClick={() => onChange(convertLinkage(data, m))}
              className={`py-1.5 ${data.mode === m ? 'bg-brand-600 font-medium text-white' : 'bg-white text-slate-600 hover:bg-slate-50'}`}>{pick(LINKAGE_MODE_LABELS[m])}</button>
          ))}
        </div>
        <p className="text-[11px] text-slate-400">{t(`designer.linkage.modeHint.${data.mode}`)}</p>
        {data.mode !== 'serial' && (
          <div className="mt-2">
            <Field label={t('designer.linkage.routing')}>
              {(id) => <Select id={id} value={data.routing} disabled={readOnly} onChange={(routing) => onChange({ ...data, routing } as LinkageData)}
                options={[{ value: 'fit', label: t('designer.linkage.routingFit') }, { value: 'rules', label: t('designer.linkage.routingRules') }]} />}
            </Field>
          </div>
        )}
      </Section>
      {data.mode === 'serial' && (
        <Section title={t('designer.linkage.touches')}>
          <SerialTouchList touches={data.touches} disabled={readOnly} onChange={(touches, key) => onChange({ ...data, touches }, key)} />
        </Section>
      )}
      {data.mode !== 'serial' && (
        <Section title={t('designer.linkage.lanes')}>
          <LaneList data={data} disabled={readOnly} onChange={onChange} />
          {data.routing === 'fit' && <FitPreview channels={data.lanes.map((l) => l.channel)} />}
        </Section>
      )}
      <CapacityShare channels={[...new Set(linkageTouches(data).map((x) => x.channel))]} disabled={readOnly} />
    </>
  );
}
