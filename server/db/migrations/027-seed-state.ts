/**
 * The demo seed's progress (server/db/seed/startup.ts): stage 0 while its data sets are being imported,
 * 1 once all are in, so a seed stopped half-way is finished at the next start. A store seeded before
 * this table has no row and counts as seeded.
 */
export const up = `
CREATE TABLE seed_state (
  name TEXT PRIMARY KEY,
  stage INTEGER NOT NULL
);
`;
