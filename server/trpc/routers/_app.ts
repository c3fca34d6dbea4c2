import { router } from '../trpc.js';
import { auditRouter } from './audit.js';
import { governanceRouter } from './governance.js';
import { templatesRouter } from './templates.js';
import { usersRouter } from './users.js';
import { authRouter } from './auth.js';
import { flowsRouter } from './flows.js';
import { engineRouter, eventsRouter } from './engine.js';
import { segmentRouter } from './segment.js';
import { simRouter } from './sim.js';
import { monitoringRouter } from './monitoring.js';
import { workbenchRouter } from './workbench.js';
import { learningRouter } from './learning.js';
import { contactPrefsRouter } from './contact-prefs.js';
import { dataRouter } from './data.js';
import { attributesRouter } from './attributes.js';
import { savedSegmentsRouter } from './saved-segments.js';
import { catalogueRouter } from './catalogue.js';
import { channelBindingsRouter } from './channel-bindings.js';

export const appRouter = router({
  auth: authRouter,
  flows: flowsRouter,
  governance: governanceRouter,
  templates: templatesRouter,
  users: usersRouter,
  audit: auditRouter,
  engine: engineRouter,
  events: eventsRouter,
  segment: segmentRouter,
  sim: simRouter,
  monitoring: monitoringRouter,
  workbench: workbenchRouter,
  learning: learningRouter,
  contactPrefs: contactPrefsRouter,
  data: dataRouter,
  attributes: attributesRouter,
  savedSegments: savedSegmentsRouter,
  catalogue: catalogueRouter,
  channelBindings: channelBindingsRouter,
});

export type AppRouter = typeof appRouter;
