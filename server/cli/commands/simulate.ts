import { simulate } from '../../engine/simulation/simulate.js';
import { loadFlowFile, readErrorLine, issueLine } from './load.js';
import type { Command } from './types.js';

const NUMERIC = ['--customers', '--seed', '--days'] as const;

/**
 * `simulate <file> --customers N --seed S --days D [--json]`: run the flow in virtual time on a
 * temporary database of N synthetic subscribers and print the summary (one JSON object with --json;
 * `daily` holds the figures per local day, in total and per channel).
 * Exit 0 when it ran with no policy violation, 1 when the flow is invalid or a violation was found.
 */
export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'run a flow in virtual time on synthetic subscribers and summarise it',
  usage: '<file> [--customers N] [--seed S] [--days D] [--json]',
  async run(args, io) {
    const values: Record<string, number> = { '--customers': 20_000, '--seed': 1, '--days': 30 };
    const positional: string[] = [];
    let json = false;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--json') json = true;
      else if ((NUMERIC as readonly string[]).includes(a)) {
        const v = Number(args[++i]);
        if (!Number.isInteger(v) || v < 0) {
          io.err(`usage: flow simulate ${this.usage} (${a} needs a whole number)`);
          return 2;
        }
        values[a] = v;
      } else if (a.startsWith('--')) {
        io.err(`usage: flow simulate ${this.usage} (unknown option ${a})`);
        return 2;
      } else positional.push(a);
    }
    if (positional.length !== 1) {
      io.err(`usage: flow simulate ${this.usage}`);
      return 2;
    }
    const file = positional[0]!;
    const loaded = loadFlowFile(file, io);
    if (!loaded.ok) {
      if (loaded.readError) io.err(readErrorLine(file, loaded.readError));
      for (const i of loaded.issues) io.err(issueLine(file, i));
      return 1;
    }
    try {
      const s = await simulate(loaded.doc, { customers: values['--customers']!, seed: values['--seed']!, days: values['--days']! });
      if (json) io.out(JSON.stringify(s));
      else {
        io.out(`${s.flowId}: ${s.enrolled} enrolled (${s.control} control), ${s.completed} completed, ${s.active} active after ${s.days} days`);
        io.out(`stages: publicity ${s.stages.publicity}, experience ${s.stages.experience}, sales ${s.stages.sales}; conversions ${s.conversions}, revenue ¥${s.revenue}, cost ¥${s.cost}`);
        for (const [c, v] of Object.entries(s.channels)) io.out(`  ${c}: ${v.contacts} contacts, ¥${v.cost}`);
        for (const d of s.daily) {
          const caps = Object.entries(d.channels).filter(([, c]) => c.capacity.flowShare).map(([c, v]) => `, ${c} ${v.capacity.used}/${v.capacity.cap}`).join('');
          io.out(`  ${d.day}: ${d.contacts} contacts, ${d.deferred} deferred, ${d.responses} responses, ${d.conversions} conversions, ¥${d.cost}${caps}`);
        }
        io.out(`suppressed: ${JSON.stringify(s.suppressed)}; policy violations: ${s.policyViolations}; ${s.elapsedMs} ms`);
      }
      return s.policyViolations === 0 ? 0 : 1;
    } catch (e) {
      io.err(`${file}: ${e instanceof Error ? e.message : String(e)}`);
      return 1;
    }
  },
};
