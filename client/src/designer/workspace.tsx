import { ReactFlowProvider } from '@xyflow/react';
import { useState } from 'react';
import { FlowCanvas } from './canvas/flow-canvas.js';
import { Notice } from './canvas/notice.js';
import { useDroppedEdgesNotice } from './canvas/use-dropped-edges.js';
import { useLiveValidation } from './checks/use-live-validation.js';
import { ConflictBanner } from './files/conflict-banner.js';
import { useAutosave } from './files/use-autosave.js';
import { Palette } from './palette/palette.js';
import { useClipboard } from './shortcuts/use-clipboard.js';
import { useShortcuts } from './shortcuts/use-shortcuts.js';
import { SidePanel } from './side-panel.js';
import { StageFunnel } from './simulate/stage-funnel.js';
import { createDesignerStore } from './store/create-store.js';
import { DesignerStoreProvider } from './store/context.js';
import { Topbar } from './topbar/topbar.js';
import type { LoadedFlow } from './types.js';

/** One open flow: its own store, the three columns and the background effects (checks, autosave, keys). */
export function Workspace({ flow }: { flow: LoadedFlow }) {
  const [store] = useState(() => {
    const s = createDesignerStore(flow.document);
    s.getState().setSave({ flow: { id: flow.id, revision: flow.revision, status: flow.status, ownerId: flow.ownerId, orgUnit: flow.orgUnit, readOnly: !flow.canEdit }, saveState: 'saved' });
    return s;
  });
  return (
    <DesignerStoreProvider store={store}>
      <ReactFlowProvider>
        <Effects />
        <div className="flex h-full flex-col" data-testid="designer" data-flow-id={flow.id}>
          <Topbar />
          <ConflictBanner />
          <div className="flex min-h-0 flex-1">
            <Palette />
            <div className="relative min-w-0 flex-1">
              <FlowCanvas />
              <StageFunnel />
              <Notice />
            </div>
            <SidePanel />
          </div>
        </div>
      </ReactFlowProvider>
    </DesignerStoreProvider>
  );
}

function Effects() {
  useLiveValidation();
  useAutosave();
  useShortcuts();
  useClipboard();
  useDroppedEdgesNotice();
  return null;
}
