import type { NodeProps } from '@xyflow/react';
import type { ComponentType } from 'react';
import { NODE_TYPE_IDS } from '../../../../shared/nodes/registry.js';
import type { CanvasNode } from '../canvas/to-react-flow.js';
import { NodeView } from './node-view.js';

/**
 * React Flow's nodeTypes: every registered type draws with the one generic view (it reads the
 * definition), so a new node type needs no entry here. Built once at module scope (React Flow warns
 * when nodeTypes is recreated).
 */
export const nodeViewsFor = (view: ComponentType<NodeProps<CanvasNode>>): Record<string, ComponentType<NodeProps<CanvasNode>>> =>
  Object.fromEntries(NODE_TYPE_IDS.map((type) => [type, view]));

export const nodeViews = nodeViewsFor(NodeView);
