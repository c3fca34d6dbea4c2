import type { Db } from '../../../../server/db/open.js';
import { FLAG } from '../../../../server/engine/core/journey.js';

/** Converted journeys with no applied, explicitly confirmed order of that customer: must be none. */
export const unconfirmedConversions = (db: Db): number => db.prepare(`SELECT count(*) FROM journeys j WHERE (j.flags & ${FLAG.converted}) <> 0
    AND NOT EXISTS (SELECT 1 FROM events e WHERE e.customer_id = j.customer_id AND e.type = 'order' AND e.status = 'applied' AND e.data LIKE '%"secondConfirmed":true%')`).pluck().get() as number;
/** Orders answered or recorded `applied` without an explicit second confirmation: must be none. */
export const appliedUnconfirmedOrders = (db: Db): number => db.prepare(`SELECT count(*) FROM events
    WHERE type = 'order' AND status = 'applied' AND (data IS NULL OR data NOT LIKE '%"secondConfirmed":true%')`).pluck().get() as number;
