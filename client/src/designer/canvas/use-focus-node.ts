import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { useDesigner, useDesignerApi } from '../store/context.js';

/** Centre the canvas on a node when something (the issues panel) asks for it. */
export function useFocusNode(): void {
  const rf = useReactFlow();
  const api = useDesignerApi();
  const focus = useDesigner((s) => s.focus);
  useEffect(() => {
    if (!focus) return;
    const s = api.getState();
    const node = s.doc.nodes.find((n) => n.id === focus.nodeId);
    if (!node) return;
    const size = s.measured[node.id] ?? { width: 240, height: 120 };
    void rf.setCenter(node.position.x + size.width / 2, node.position.y + size.height / 2, { zoom: Math.max(rf.getZoom(), 1), duration: 300 });
  }, [focus, api, rf]);
}
