import type { FlowDocument } from '../../../../shared/flow/document.js';

/** Download the document as `<id>.json`, in exactly the format of the files in `flows/`. */
export function exportFlow(doc: FlowDocument): void {
  const blob = new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${doc.id}.json`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
