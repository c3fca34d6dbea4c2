import { useTranslation } from 'react-i18next';
import { useDesigner, useDesignerApi, useHistoryState } from '../store/context.js';
import { Icon } from './icons.js';
import { deleteSelection, duplicateSelection } from '../shortcuts/use-shortcuts.js';

const icon = 'flex h-8 w-8 items-center justify-center rounded-md text-base text-slate-600 hover:bg-slate-100 disabled:opacity-30 disabled:hover:bg-transparent';

/** Undo, redo, duplicate, delete — the mouse equivalents of the shortcuts. */
export function HistoryButtons() {
  const { t } = useTranslation();
  const api = useDesignerApi();
  const { canUndo, canRedo } = useHistoryState();
  const { hasSelection, readOnly } = useDesigner((s) => ({ hasSelection: s.selectedNodes.length + s.selectedEdges.length > 0, readOnly: s.flow?.readOnly ?? false }));
  return (
    <div className="flex items-center">
      <button type="button" className={icon} data-testid="undo" disabled={!canUndo || readOnly} onClick={() => api.getState().undo()} title={`${t('designer.top.undo')} (Ctrl+Z)`} aria-label={t('designer.top.undo')}><Icon name="undo" /></button>
      <button type="button" className={icon} data-testid="redo" disabled={!canRedo || readOnly} onClick={() => api.getState().redo()} title={`${t('designer.top.redo')} (Ctrl+Y)`} aria-label={t('designer.top.redo')}><Icon name="redo" /></button>
      <button type="button" className={icon} disabled={!hasSelection || readOnly} onClick={() => duplicateSelection(api)} title={`${t('designer.top.duplicate')} (Ctrl+D)`} aria-label={t('designer.top.duplicate')}><Icon name="copy" /></button>
      <button type="button" className={icon} disabled={!hasSelection || readOnly} onClick={() => deleteSelection(api)} title={`${t('designer.top.delete')} (Delete)`} aria-label={t('designer.top.delete')}><Icon name="trash" /></button>
    </div>
  );
}
