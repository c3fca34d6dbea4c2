import type { Db } from '../db/open.js';

/** The CP fit score of every customer group on every channel (0..1), for the designer's parallel-lane preview. */
export const groupChannelFit = (db: Db): { groupId: string; channelId: string; score: number }[] =>
  db.prepare('SELECT group_id AS "groupId", channel_id AS "channelId", score FROM group_channel_fit').all() as { groupId: string; channelId: string; score: number }[];
