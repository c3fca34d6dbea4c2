import type { Request, Response } from 'express';
import type { Config } from '../config.js';
import type { Db } from '../db/open.js';
import type { RunControl } from '../governance/run-control.js';
import type { Logger } from '../logger.js';
import type { Role } from '../../shared/roles.js';

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  orgUnit: string;
  roles: Role[];
}

/** Long-lived services shared by every request; later parts of the server add theirs here. */
export interface AppServices {
  db: Db;
  config: Config;
  log: Logger;
  /** Engine hooks used by publish/pause/resume/stop (governance); absent until the engine is wired. */
  runControl?: RunControl;
  /** The campaign engine (live loop, event ingestion); absent in tests that do not need it. */
  engine?: import('../engine/runtime/engine.js').Engine;
  /** The wall clock (epoch ms); tests pin it where contact hours decide an answer. */
  now?: () => number;
}

export interface Context extends AppServices {
  user: SessionUser | null;
  session: { id: string; csrfToken: string } | null;
  /** Present for HTTP calls; absent for createCaller in tests. */
  req?: Request;
  res?: Response;
  /** Client address for rate limiting. */
  ip: string;
}
