import { useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { parseFlowDocument } from '../../../../shared/flow/migrations.js';
import { useLang } from '../../i18n/index.js';
import { trpc } from '../../trpc.js';
import { useDesignerApi } from '../store/context.js';
import { Dialog } from './dialog.js';
import { exportFlow } from './export-flow.js';
import { FlowPicker } from './flow-picker.js';
import { TemplatesDialog } from './templates-dialog.js';

type Open = 'templates' | 'flows' | null;

/** New / open / template / import / export. Imports and templates become new flows; nothing is overwritten. */
export function FilesMenu() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const api = useDesignerApi();
  const navigate = useNavigate();
  const [menu, setMenu] = useState(false);
  const [dialog, setDialog] = useState<Open>(null);
  const file = useRef<HTMLInputElement>(null);
  const create = trpc.flows.create.useMutation({ onSuccess: (r) => void navigate(`/designer/${r.id}`) });

  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    const parsed = parseFlowDocument(await f.text());
    if (!parsed.ok) return api.getState().notify(`${t('designer.files.importFailed')}: ${parsed.issues.slice(0, 2).map((i) => pick(i.message)).join('; ')}`, 'error');
    create.mutate({ document: parsed.doc });
  };
  const item = 'block w-full px-3 py-1.5 text-left text-[13px] hover:bg-slate-100';
  const run = (fn: () => void) => () => { setMenu(false); fn(); };
  return (
    <div className="relative">
      <button type="button" aria-haspopup="menu" aria-expanded={menu} data-testid="files-menu" onClick={() => setMenu((m) => !m)}
        className="rounded-md px-2.5 py-1.5 text-[13px] text-slate-700 hover:bg-slate-100">{t('designer.files.menu')} ▾</button>
      {menu && (
        <div role="menu" className="absolute left-0 z-20 mt-1 w-48 rounded-md border border-slate-200 bg-white py-1 shadow-lg" onKeyDown={(e) => e.key === 'Escape' && setMenu(false)}>
          <button role="menuitem" type="button" className={item} onClick={run(() => create.mutate({ name: t('designer.untitled') }))}>{t('designer.files.new')}</button>
          <button role="menuitem" type="button" className={item} onClick={run(() => setDialog('flows'))}>{t('designer.files.open')}</button>
          <button role="menuitem" type="button" className={item} data-testid="open-template" onClick={run(() => setDialog('templates'))}>{t('designer.files.templates')}</button>
          <hr className="my-1 border-slate-100" />
          <button role="menuitem" type="button" className={item} data-testid="import-json" onClick={run(() => file.current?.click())}>{t('designer.files.import')}</button>
          <button role="menuitem" type="button" className={item} data-testid="export-json" onClick={run(() => exportFlow(api.getState().doc))}>{t('designer.files.export')}</button>
        </div>
      )}
      <input ref={file} type="file" accept="application/json,.json" className="hidden" data-testid="import-file" onChange={(e) => void onImport(e)} />
      {dialog === 'templates' && <TemplatesDialog onClose={() => setDialog(null)} />}
      {dialog === 'flows' && <Dialog title={t('designer.files.open')} onClose={() => setDialog(null)}><FlowPicker /></Dialog>}
    </div>
  );
}
