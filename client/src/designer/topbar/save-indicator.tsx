import { useTranslation } from 'react-i18next';
import { localMessage } from '../../governance/ui.js';
import { useLang } from '../../i18n/index.js';
import { useDesigner } from '../store/context.js';

const TONE = { saved: 'text-slate-500', saving: 'text-brand-700', unsaved: 'text-warning', conflict: 'text-danger font-medium', error: 'text-danger' } as const;
const DOT = { saved: 'bg-brand-500', saving: 'bg-brand-500 animate-pulse', unsaved: 'bg-warning', conflict: 'bg-danger', error: 'bg-danger' } as const;

/** saved / saving / unsaved / conflict / error, with the server's message on hover. */
export function SaveIndicator() {
  const { t } = useTranslation();
  const { lang } = useLang();
  const { state, error, revision, readOnly, invalid } = useDesigner((s) => ({ state: s.saveState, error: s.saveError, revision: s.flow?.revision, readOnly: s.flow?.readOnly, invalid: Object.keys(s.invalidDrafts).length }));
  if (readOnly) return <span className="text-xs text-slate-500" data-testid="save-state" data-state="readonly">{t('designer.save.readOnly')}</span>;
  // A field holding what the user typed but could not be saved: "saved" would be untrue.
  if (invalid > 0 && state !== 'conflict') {
    return (
      <span className="flex items-center gap-1.5 text-xs font-medium text-danger" data-testid="save-state" data-state="invalid" title={t('designer.save.invalidHint')}>
        <span className="h-2 w-2 rounded-full bg-danger" aria-hidden />
        {t('designer.save.invalid', { count: invalid })}
      </span>
    );
  }
  return (
    <span className={`flex items-center gap-1.5 text-xs ${TONE[state]}`} data-testid="save-state" data-state={state} title={error ? localMessage(error, lang) : t('designer.save.revision', { revision })}>
      <span className={`h-2 w-2 rounded-full ${DOT[state]}`} aria-hidden />
      {t(`designer.save.${state}`)}
    </span>
  );
}
