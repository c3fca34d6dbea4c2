import { useEffect } from 'react';
import type { FlowDocument } from '../../../../shared/flow/document.js';
import { validateFlow } from '../../../../shared/flow/validate.js';
import { useDesignerApi } from '../store/context.js';

const DELAY_MS = 120;
// A backstop only: opening a large flow keeps the main thread busy for about a second, and a
// shorter timeout would run the first validation in the middle of it.
const FIRST_RUN_TIMEOUT_MS = 2000;

/**
 * True when `b` differs from `a` only in node positions, which no validation rule reads (positions
 * the canvas writes are rounded numbers, so they cannot make a document malformed either).
 */
export function onlyPositionsDiffer(a: FlowDocument, b: FlowDocument): boolean {
  if (a.edges !== b.edges || a.nodes.length !== b.nodes.length) return false;
  const keys = Object.keys(b) as (keyof FlowDocument)[];
  if (keys.length !== Object.keys(a).length) return false;
  for (const k of keys) if (k !== 'nodes' && !Object.is(a[k], b[k])) return false;
  return a.nodes.every((n, i) => { const m = b.nodes[i]!; return n === m || (n.id === m.id && n.type === m.type && n.data === m.data); });
}

/**
 * Re-run the shared validator shortly after every document change; results feed badges and the issues
 * panel. Moving nodes changes nothing it checks, so a move (a drag, an auto layout) does not re-run it.
 */
export function useLiveValidation(): void {
  const api = useDesignerApi();
  useEffect(() => {
    let validated: FlowDocument | null = null;
    const run = () => {
      const { doc } = api.getState();
      if (validated && (doc === validated || onlyPositionsDiffer(validated, doc))) return;
      validated = doc;
      api.getState().setIssues(validateFlow(doc));
    };
    // The first run waits until the browser is idle: opening a large flow paints its nodes first
    // (validating 500 nodes takes ~50 ms), and the badges follow.
    const idle = typeof requestIdleCallback === 'function'
      ? requestIdleCallback(run, { timeout: FIRST_RUN_TIMEOUT_MS })
      : setTimeout(run, 0);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = api.subscribe((s, prev) => {
      if (s.doc === prev.doc || onlyPositionsDiffer(prev.doc, s.doc)) return;
      clearTimeout(timer);
      timer = setTimeout(run, DELAY_MS);
    });
    return () => {
      if (typeof requestIdleCallback === 'function') cancelIdleCallback(idle as number);
      else clearTimeout(idle);
      clearTimeout(timer);
      unsubscribe();
    };
  }, [api]);
}
