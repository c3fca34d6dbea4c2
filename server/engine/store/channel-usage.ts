import type { ChannelId } from '../../../shared/catalogue/channels.js';
import type { Db } from '../../db/open.js';

const toMap = (rows: { channel: ChannelId; used: number }[]): Map<ChannelId, number> => new Map(rows.map((r) => [r.channel, Number(r.used)]));

/** Contacts made per channel on local day `day`, across every run (against each channel's daily capacity). */
export const channelUsage = (db: Db, day: number): Map<ChannelId, number> =>
  toMap(db.prepare('SELECT channel, used FROM channel_usage WHERE day = ?').all(day) as { channel: ChannelId; used: number }[]);

/** One run's contacts per channel on local day `day` (against its flow's share of capacity-limited channels). */
export const runChannelUsage = (db: Db, runId: number, day: number): Map<ChannelId, number> =>
  toMap(db.prepare('SELECT channel, used FROM run_channel_usage WHERE run_id = ? AND day = ?').all(runId, day) as { channel: ChannelId; used: number }[]);
