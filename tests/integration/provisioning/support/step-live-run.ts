import { openDb } from '../../../../server/db/open.js';
import { Engine } from '../../../../server/engine/runtime/engine.js';
import { getRun } from '../../../../server/engine/store/runs.js';
// As the worker process does: engine steps reload the catalogue when an admin's edit moved its version.
import '../../../../server/catalogue/store.js';

/**
 * One engine process's part of the benefit race test: step one live run (enrolment, then its
 * journeys) to now against the store at argv[2], with the provisioning bound as admins bound it, and
 * print what the step did.
 */
const [location, runId] = process.argv.slice(2);
const db = openDb(location!);
const engine = new Engine(db);
const run = getRun(db, Number(runId))!;
const now = Date.now();
engine.stepRunLevel(run, now);
const stepped = engine.stepPartition(getRun(db, run.id)!, now, null);
process.stdout.write(`${JSON.stringify(stepped)}\n`);
db.close();
