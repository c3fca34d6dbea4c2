import type { Text } from '../../shared/text.js';
import type { ImportSummary } from './import.js';

/** A file-level problem (no such file, a missing mapped column, too many bad rows): nothing was changed. */
export class ImportError extends Error {
  constructor(
    readonly text: Text,
    readonly code: 'file' | 'mapping' | 'bad_rows' | 'cancelled' | 'busy' = 'file',
    /** The counts so far, when rows were read (too many bad rows). */
    readonly summary?: ImportSummary,
  ) {
    super(`${text.zh} / ${text.en}`);
  }
}
