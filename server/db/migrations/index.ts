import * as m001 from './001-core.js';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

/** Forward-only, applied in order at start. Never edit a landed migration: add the next one. */
export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'core', up: m001.up },
];
