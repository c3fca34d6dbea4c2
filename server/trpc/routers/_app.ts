import { router } from '../trpc.js';
import { authRouter } from './auth.js';
import { catalogueRouter } from './catalogue.js';

export const appRouter = router({
  auth: authRouter,
  catalogue: catalogueRouter,
});

export type AppRouter = typeof appRouter;
