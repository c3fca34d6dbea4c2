import { startCluster } from './postgres-cluster.js';

/** Vitest global setup of the `pg` project: one private cluster for the run; test stores are databases in it. */
export default function setup(): () => void {
  const cluster = startCluster();
  process.env.LINKAGE_TEST_PG = cluster.url;
  return () => cluster.stop();
}
