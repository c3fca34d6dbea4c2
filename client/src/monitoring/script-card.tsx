import { useTranslation } from 'react-i18next';

interface Filled { opening: string; probing: string; offer: string; closing: string; objections: { objection: string; answer: string }[] }

const STEPS = ['opening', 'probing', 'offer', 'closing'] as const;

/** The four-step talk script (话术四步曲) with the customer's variables filled in, then objection handling. */
export function ScriptCard({ script }: { script: Filled }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-2" data-testid="script">
      {STEPS.map((s) => (
        <div key={s} className="rounded-lg border border-slate-200 bg-white px-4 py-3" data-step={s}>
          <div className="mb-1 text-xs font-semibold text-brand-700">{t(`mon.work.steps.${s}`)}</div>
          <p className="text-[15px] leading-relaxed text-slate-800">{script[s]}</p>
        </div>
      ))}
      {script.objections.length > 0 && (
        <details className="rounded-lg border border-slate-200 bg-white px-4 py-2" open>
          <summary className="cursor-pointer text-xs font-semibold text-slate-600">{t('mon.work.objections')}</summary>
          <dl className="mt-1 text-sm">
            {script.objections.map((o, i) => (
              <div key={i} className="py-1"><dt className="text-slate-500">“{o.objection}”</dt><dd className="text-slate-800">→ {o.answer}</dd></div>
            ))}
          </dl>
        </details>
      )}
    </div>
  );
}
