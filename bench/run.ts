/**
 * `npm run bench [-- --json] [--quick] [--only engine|compiler|ingest|designer|workers|channels]`
 * Engine options: `--n 10000,100000` (sizes), `--contenders floor,linkage,xstate`, `--xstate-max N`
 * (largest N the XState baseline is measured at; larger N are extrapolated and marked). `--out file.json` also writes the JSON.
 * Benchmarks of issues #8 and #9; prints a readable table (or one JSON object with --json). See README § Benchmarks.
 */
import { writeFileSync } from 'node:fs';
import { benchEngine, printEngine, type EngineReport } from './engine/index.js';
import { fmt, log, table } from './util.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const quick = args.includes('--quick');
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? args[onlyIdx + 1] : undefined;
const nsIdx = args.indexOf('--n');
const want = (s: string) => !only || only.split(',').includes(s);

interface Target { name: string; target: string; value: string; met: boolean }

async function main(): Promise<void> {
  const result: Record<string, unknown> = { quick, startedAt: new Date().toISOString() };
  const targets: Target[] = [];
  const text: string[] = [];
  if (want('engine')) {
    const ns = nsIdx >= 0 ? args[nsIdx + 1]!.split(',').map(Number) : quick ? [10_000] : [10_000, 100_000, 1_000_000];
    const xsIdx = args.indexOf('--xstate-max');
    const xstateMax = xsIdx >= 0 ? Number(args[xsIdx + 1]) : 100_000;
    const ctIdx = args.indexOf('--contenders');
    const r: EngineReport = await benchEngine(ns, { xstateMax, ...(ctIdx >= 0 ? { contenders: args[ctIdx + 1]!.split(',') } : {}) });
    result.engine = r;
    targets.push(...r.targets);
    text.push(printEngine(r));
  }
  if (want('compiler')) {
    const { benchCompiler } = await import('./compiler.js');
    const r = benchCompiler(quick ? 3 : 10);
    result.compiler = r;
    targets.push(r.target);
    text.push(`Compiler: validate + compile a generated ${fmt(r.nodes)}-node flow: median ${fmt(r.medianMs, 1)} ms warm (min ${fmt(r.minMs, 1)}; first call in a cold process ${fmt(r.coldMs, 1)} ms), ${fmt(r.states)} states`);
  }
  if (want('ingest')) {
    const { benchIngest } = await import('./ingest.js');
    const r = await benchIngest({ quick });
    result.ingest = r;
    targets.push(...r.targets);
    text.push(r.text);
  }
  if (want('designer')) {
    const { benchDesigner } = await import('./designer.js');
    const r = await benchDesigner({ quick });
    result.designer = r;
    targets.push(...r.targets);
    text.push(r.text);
  }
  if (want('workers')) {
    const { benchWorkers } = await import('./workers.js');
    const r = await benchWorkers({ quick });
    result.workers = r;
    targets.push(...r.targets);
    text.push(r.text);
  }
  if (want('channels')) {
    const { benchChannels } = await import('./channels.js');
    const r = await benchChannels({ quick });
    result.channels = r;
    targets.push(...r.targets);
    text.push(r.text);
  }
  if (want('login')) {
    const { benchLogin } = await import('./login.js');
    const r = await benchLogin({ quick });
    result.login = r;
    targets.push(...r.targets);
    text.push(r.text);
  }
  if (want('data')) { const { benchData } = await import('./data.js'); const r = await benchData({ quick }); result.data = r; targets.push(...r.targets); text.push(r.text); }
  result.targets = targets;
  const outIdx = args.indexOf('--out');
  if (outIdx >= 0) writeFileSync(args[outIdx + 1]!, `${JSON.stringify(result, null, 1)}\n`);
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    text.push('', 'Targets', table(['target', 'goal', 'measured', 'status'], targets.map((t) => [t.name, t.target, t.value, t.met ? 'met' : 'MISSED'])));
    process.stdout.write(`${text.join('\n\n')}\n`);
  }
}

main().catch((err: unknown) => {
  log(String(err instanceof Error ? err.stack : err));
  process.exit(1);
});
