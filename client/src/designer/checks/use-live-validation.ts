import { useEffect } from 'react';
import { validateFlow } from '../../../../shared/flow/validate.js';
import { useDesignerApi } from '../store/context.js';

const DELAY_MS = 120;

/** Re-run the shared validator shortly after every document change; results feed badges and the issues panel. */
export function useLiveValidation(): void {
  const api = useDesignerApi();
  useEffect(() => {
    const run = () => api.getState().setIssues(validateFlow(api.getState().doc));
    run();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = api.subscribe((s, prev) => {
      if (s.doc === prev.doc) return;
      clearTimeout(timer);
      timer = setTimeout(run, DELAY_MS);
    });
    return () => { clearTimeout(timer); unsubscribe(); };
  }, [api]);
}
