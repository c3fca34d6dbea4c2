import { useTranslation } from 'react-i18next';
import { Button } from './ui.js';

export interface Decision {
  what: 'approved' | 'rejected' | 'published';
  name: string;
  /** The next flow awaiting a decision, if any. */
  next: { id: string; name: string } | null;
}

/** Says what the supervisor just did and offers the next item; the page never moves on by itself. */
export function DecisionBanner({ decision, onNext, onDismiss }: { decision: Decision; onNext: (flowId: string) => void; onDismiss: () => void }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language !== 'en';
  const text = t('gov.inbox.banner', { what: t(`gov.inbox.${decision.what}`), name: decision.name });
  const next = decision.next ? t('gov.inbox.bannerNext', { name: zh ? `「${decision.next.name}」` : `"${decision.next.name}"` }) : t('gov.inbox.noNext');
  return (
    <div role="status" data-testid="decision-banner" className="mx-auto mb-4 flex max-w-5xl flex-wrap items-center gap-3 rounded-lg border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-900">
      <span className="font-medium">{text}{zh ? '，' : '. '}{next}</span>
      <span className="ml-auto flex gap-2">
        {decision.next && <Button tone="primary" data-testid="open-next" onClick={() => onNext(decision.next!.id)}>{t('gov.inbox.openNext')}</Button>}
        <Button onClick={onDismiss}>{t('gov.inbox.dismiss')}</Button>
      </span>
    </div>
  );
}
