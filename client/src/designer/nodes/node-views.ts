import type { NodeProps } from '@xyflow/react';
import type { ComponentType } from 'react';
import type { NodeType } from '../../../../shared/nodes/registry.js';
import type { CanvasNode } from '../canvas/to-react-flow.js';
import { NodeView } from './node-view.js';

/**
 * The canvas view of every node type, at module scope (React Flow warns when nodeTypes is recreated).
 * `satisfies Record<NodeType, …>`: adding a node type to the registry without a view fails to compile.
 */
export const nodeViews = {
  segment: NodeView,
  linkage: NodeView,
  script: NodeView,
  wait: NodeView,
  split: NodeView,
  evaluate: NodeView,
  end: NodeView,
} satisfies Record<NodeType, ComponentType<NodeProps<CanvasNode>>>;
