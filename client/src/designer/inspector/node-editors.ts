import type { ComponentType } from 'react';
import { isNodeType, type NodeDataOf, type NodeType } from '../../../../shared/nodes/registry.js';

export interface EditorProps<D> {
  nodeId: string;
  data: D;
  /** `mergeKey` folds rapid edits of one field (typing) into one undo step. */
  onChange: (data: D, mergeKey?: string) => void;
  readOnly: boolean;
}

type Editors = { [T in NodeType]?: ComponentType<EditorProps<NodeDataOf<T>>> };

// Eager: the inspector must not flash a loading state between nodes.
const modules = import.meta.glob<Record<string, unknown>>(['./*-editor.tsx', './*/*-editor.tsx'], { eager: true });

const pascal = (type: string) => type.replace(/(^|-)([a-z])/g, (_m, _dash: string, c: string) => c.toUpperCase());

/**
 * Purpose-built inspector editors, found by file name: `<type>-editor.tsx` (here or one folder down)
 * exporting `<Type>Editor`, e.g. `wait-editor.tsx` → `WaitEditor`. Partial: a type without one gets
 * the form generated from its schema (`GeneratedEditor`), so a new node type needs no edit here.
 */
export const nodeEditors: Editors = Object.fromEntries(
  Object.entries(modules).flatMap(([path, mod]) => {
    const type = /([a-z-]+)-editor\.tsx$/.exec(path)?.[1];
    const component = type ? mod[`${pascal(type)}Editor`] : undefined;
    return type && isNodeType(type) && typeof component === 'function' ? [[type, component]] : [];
  }),
);
