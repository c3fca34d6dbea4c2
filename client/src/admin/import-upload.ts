import type { Lang } from '../../../shared/text.js';

/** 2 MB per call: well under the server's 8 MB chunk limit, small enough for a steady progress bar. */
const CHUNK_BYTES = 2 * 1024 * 1024;

type UploadCall = (input: { uploadId?: string; chunkBase64: string }) => Promise<{ uploadId: string; bytes: number }>;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  // in slices: String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Send a file to `data.upload` chunk by chunk, reporting bytes sent; resolves to the upload's id. */
export async function uploadFile(file: File, call: UploadCall, onProgress: (sent: number) => void): Promise<string> {
  let uploadId: string | undefined;
  for (let at = 0; at < file.size; at += CHUNK_BYTES) {
    const chunk = new Uint8Array(await file.slice(at, at + CHUNK_BYTES).arrayBuffer());
    const r = await call({ ...(uploadId ? { uploadId } : {}), chunkBase64: toBase64(chunk) });
    uploadId = r.uploadId;
    onProgress(r.bytes);
  }
  if (!uploadId) throw new Error('empty file');
  return uploadId;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** The bad-row report (line, column, reason_zh, reason_en) with the reason in the reader's language only. */
export function reportInLanguage(csv: string, lang: Lang): string {
  const lines = csv.replace(/^\uFEFF/, '').split('\n');
  const out: string[] = [lang === 'zh' ? '行号,列,原因' : 'line,column,reason'];
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const cells = splitCsvLine(line);
    out.push([cells[0] ?? '', cells[1] ?? '', (lang === 'zh' ? cells[2] : cells[3]) ?? ''].map(quote).join(','));
  }
  return `\uFEFF${out.join('\n')}\n`;
}

const quote = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { cells.push(cell); cell = ''; } else cell += c;
  }
  cells.push(cell);
  return cells;
}

export function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
