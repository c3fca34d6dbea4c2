import { Background, Controls, ReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';

/** Placeholder designer: an empty canvas. The full designer (palette, inspector, store) replaces it. */
export function DesignerPage() {
  const { t } = useTranslation();
  return (
    <div className="relative h-full" data-testid="designer">
      <ReactFlow nodes={[]} edges={[]} fitView>
        <Background />
        <Controls />
      </ReactFlow>
      <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center text-slate-400">
        <p className="text-base">{t('designer.emptyTitle')}</p>
        <p className="text-sm">{t('designer.emptyHint')}</p>
      </div>
    </div>
  );
}
