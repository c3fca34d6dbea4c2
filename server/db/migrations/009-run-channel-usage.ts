/**
 * A flow may use only its share of a capacity-limited channel per day (`contactPolicy.channelCapacity`,
 * e.g. 500 of the call centre's 8,000): the engine counts each run's contacts per channel and local day
 * here, next to the global `channel_usage`, and written with it (same transaction, same lock order).
 */
export const up = `
CREATE TABLE run_channel_usage (
  run_id INTEGER NOT NULL,
  channel TEXT NOT NULL,
  day INTEGER NOT NULL,
  used INTEGER NOT NULL,
  PRIMARY KEY (run_id, channel, day)
) WITHOUT ROWID;
`;
