import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesignerApi } from '../store/context.js';
import { fragmentOf, parseFragment, serializeFragment } from '../store/fragment.js';
import { isEditable } from './editable.js';

const PASTE_STEP = 40;

/**
 * Copy, cut and paste through the system clipboard (the browser's copy/paste events, so no permission
 * prompt): the selection travels as JSON and pastes into any flow in any tab.
 */
export function useClipboard(): void {
  const api = useDesignerApi();
  const { t } = useTranslation();
  useEffect(() => {
    let pasteCount = 0;
    const onCopy = (e: ClipboardEvent, cut: boolean) => {
      if (isEditable(e.target) || !e.clipboardData) return;
      const s = api.getState();
      if (s.selectedNodes.length === 0) return;
      e.clipboardData.setData('text/plain', serializeFragment(fragmentOf(s.doc, s.selectedNodes)));
      e.preventDefault();
      pasteCount = 0;
      if (cut && !s.flow?.readOnly) s.removeElements(s.selectedNodes, s.selectedEdges);
      s.notify(t(cut ? 'designer.clipboard.cut' : 'designer.clipboard.copied', { count: s.selectedNodes.length }));
    };
    const copy = (e: ClipboardEvent) => onCopy(e, false);
    const cut = (e: ClipboardEvent) => onCopy(e, true);
    const paste = (e: ClipboardEvent) => {
      if (isEditable(e.target) || !e.clipboardData || api.getState().flow?.readOnly) return;
      const fragment = parseFragment(e.clipboardData.getData('text/plain'));
      if (!fragment) return;
      e.preventDefault();
      pasteCount += 1;
      const ids = api.getState().insertFragment(fragment, { x: PASTE_STEP * pasteCount, y: PASTE_STEP * pasteCount });
      api.getState().notify(t('designer.clipboard.pasted', { count: ids.length }));
    };
    document.addEventListener('copy', copy);
    document.addEventListener('cut', cut);
    document.addEventListener('paste', paste);
    return () => {
      document.removeEventListener('copy', copy);
      document.removeEventListener('cut', cut);
      document.removeEventListener('paste', paste);
    };
  }, [api, t]);
}
