import { loadConfig, storeLocation } from '../../config.js';
import { openDb } from '../../db/open.js';
import { recountRun } from '../../engine/store/counters-recount.js';
import { getRun } from '../../engine/store/runs.js';
import { parseArgs, type Command } from './types.js';

const USAGE = '<runId…>';

/**
 * The repair for a run whose dashboard and report counters are out of step with its rows (a manual edit,
 * a bug): rebuilt from its journeys, contacts and grants in the configured store. A running run is
 * refused — the engine's writes would race the rebuild; pause it, recount, resume.
 */
export const recountCommand: Command = {
  name: 'recount',
  summary: 'rebuild runs\' dashboard/report counters from their rows (configured store; pause a running run first)',
  usage: USAGE,
  run(args, io) {
    const { positional, unknown } = parseArgs(args, []);
    const ids = positional.map(Number);
    if (unknown.length > 0 || ids.length === 0 || ids.some((n) => !Number.isInteger(n) || n <= 0)) {
      io.err(`usage: npm run flow -- recount ${USAGE}`);
      return 2;
    }
    const db = openDb(storeLocation(loadConfig()));
    try {
      for (const id of ids) {
        const run = getRun(db, id);
        if (!run) {
          io.err(`没有运行 ${id} / no run ${id}`);
          return 1;
        }
        if (run.status === 'running') {
          io.err(`运行 ${id} 正在进行，请先暂停 / run ${id} is running; pause it first`);
          return 1;
        }
        recountRun(db, id);
        io.out(`run ${id}: counters rebuilt`);
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
