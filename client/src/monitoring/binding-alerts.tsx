import { useTranslation } from 'react-i18next';
import { CHANNEL_BY_ID, type ChannelId } from '../../../shared/catalogue/channels.js';
import { localMessage } from '../governance/ui.js';
import { useLang } from '../i18n/index.js';
import { fmtInt } from './format.js';

interface Binding { channel: string; link: 'up' | 'down' | 'connecting' | 'na'; paused: boolean; detail: string | null; waiting: number; deadLetters: number }

/** A gateway or platform the run sends through that is paused or down: said on the run's own page, with what waits. */
export function BindingAlerts({ bindings }: { bindings: readonly Binding[] }) {
  const { t } = useTranslation();
  const { lang, pick } = useLang();
  const troubled = bindings.filter((b) => b.paused || b.link !== 'up');
  if (troubled.length === 0) return null;
  return (
    <div className="mt-3 flex flex-col gap-2" data-testid="binding-alerts">
      {troubled.map((b) => {
        const channel = pick(CHANNEL_BY_ID[b.channel as ChannelId]?.label ?? { zh: b.channel, en: b.channel });
        const key = b.paused ? 'bindingPaused' : b.link === 'connecting' ? 'bindingConnecting' : 'bindingDown';
        return (
          <p key={b.channel} role="status" data-testid={`binding-alert-${b.channel}`} data-paused={b.paused}
            className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {t(`mon.dash.${key}`, { channel, n: fmtInt(b.waiting, lang) })}
            {b.detail && <span className="ml-1 text-red-700">{t('mon.dash.bindingReason', { detail: localMessage(b.detail, lang) })}</span>}
            {b.deadLetters > 0 && <span className="ml-1">{t('mon.dash.bindingDeadLetters', { n: fmtInt(b.deadLetters, lang) })}</span>}
          </p>
        );
      })}
    </div>
  );
}
