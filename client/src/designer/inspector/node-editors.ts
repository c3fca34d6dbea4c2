import type { ComponentType } from 'react';
import type { NodeDataOf, NodeType } from '../../../../shared/nodes/registry.js';
import { EndEditor } from './end-editor.js';
import { EvaluateEditor } from './evaluate-editor.js';
import { LinkageEditor } from './linkage/linkage-editor.js';
import { ScriptStepEditor } from './script-step-editor.js';
import { SegmentEditor } from './segment/segment-editor.js';
import { SplitEditor } from './split-editor.js';
import { WaitEditor } from './wait-editor.js';

export interface EditorProps<D> {
  nodeId: string;
  data: D;
  /** `mergeKey` folds rapid edits of one field (typing) into one undo step. */
  onChange: (data: D, mergeKey?: string) => void;
  readOnly: boolean;
}

/** The inspector editor of every node type; a type without one fails to compile. */
export const nodeEditors: { [T in NodeType]: ComponentType<EditorProps<NodeDataOf<T>>> } = {
  segment: SegmentEditor,
  linkage: LinkageEditor,
  script: ScriptStepEditor,
  wait: WaitEditor,
  split: SplitEditor,
  evaluate: EvaluateEditor,
  end: EndEditor,
};
