/**
 * `npm run dev:gateway [-- --cmpp-port 7890 --smpp-port 2775 --accounts 901234:secret,linkage:pw
 *   --report-delay 2000 --report-stat DELIVRD --reply-rate 0.3 --replies 1,Y,TD --reply-delay 3000
 *   --response-delay 0 --log gateway.log --flow-control 0 --close-after N --malformed]`
 * Every flag also reads from GATEWAY_<FLAG> in the environment (GATEWAY_ACCOUNTS, GATEWAY_CMPP_PORT, …).
 * While running, type on stdin: `flow N`, `close N`, `slow MS`, `malformed`, `reply ACCOUNT FROM TO TEXT`.
 */
import { createInterface } from 'node:readline';
import { TestGateway } from './gateway.js';

const argv = process.argv.slice(2);
function opt(name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`);
  if (i >= 0 && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) return argv[i + 1]!;
  return process.env[`GATEWAY_${name.toUpperCase().replaceAll('-', '_')}`] ?? fallback;
}
const flag = (name: string) => argv.includes(`--${name}`);
function num(name: string, fallback: number): number {
  const v = Number(opt(name, String(fallback)));
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} must be a number ≥ 0`);
  return v;
}

const accounts = Object.fromEntries(
  opt('accounts', '901234:secret,linkage:secret')
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf(':');
      if (at <= 0) throw new Error(`--accounts: "${pair}" is not name:secret`);
      return [pair.slice(0, at), pair.slice(at + 1)];
    }),
);

const gw = new TestGateway({
  accounts,
  reportDelayMs: num('report-delay', 2_000),
  reportStat: opt('report-stat', 'DELIVRD'),
  replyRate: num('reply-rate', 0.3),
  replyTexts: opt('replies', '1,Y,TD').split(',').filter(Boolean),
  replyDelayMs: num('reply-delay', 3_000),
  responseDelayMs: num('response-delay', 0),
  ...(opt('log', '') ? { logFile: opt('log', '') } : {}),
  logToStdout: true,
  memoryLog: false,
});
gw.faults.flowControl = num('flow-control', 0);
if (opt('close-after', '')) gw.faults.closeAfter = num('close-after', 0);
gw.faults.malformedNext = flag('malformed');

const host = opt('host', '127.0.0.1');
const ports = await gw.listen({ cmpp: num('cmpp-port', 7890), smpp: num('smpp-port', 2775) }, host);
process.stderr.write(
  [
    `Linkage test gateway on ${host}`,
    `  CMPP 2.0/3.0  port ${ports.cmpp}   accounts (Source_Addr:secret) ${Object.keys(accounts).join(', ')}`,
    `  SMPP 3.4      port ${ports.smpp}   (system_id:password, the same list)`,
    `  reports after ${gw.opts.reportDelayMs} ms (${gw.opts.reportStat}); replies at rate ${gw.opts.replyRate}: ${gw.opts.replyTexts!.join(' ')}`,
    `  every submit is logged as one JSON line on stdout${gw.opts.logFile ? ` and in ${gw.opts.logFile}` : ''}`,
    '  stdin: flow N | close N | slow MS | malformed | repeat-mo N | reply ACCOUNT FROM TO TEXT',
    '',
  ].join('\n'),
);

createInterface({ input: process.stdin }).on('line', (line) => {
  const [cmd, ...rest] = line.trim().split(/\s+/);
  if (cmd === 'flow') gw.faults.flowControl = Number(rest[0] ?? 1);
  else if (cmd === 'close') gw.faults.closeAfter = Number(rest[0] ?? 0);
  else if (cmd === 'slow') gw.opts.responseDelayMs = Number(rest[0] ?? 1_000);
  else if (cmd === 'malformed') gw.faults.malformedNext = true;
  else if (cmd === 'repeat-mo') gw.faults.repeatMo = Number(rest[0] ?? 1);
  else if (cmd === 'reply' && rest.length >= 4) gw.mobileOriginated(rest[0]!, { from: rest[1]!, to: rest[2]!, text: rest.slice(3).join(' ') });
  else if (cmd) return void process.stderr.write(`unknown command: ${line}\n`);
  process.stderr.write('ok\n');
});

const stop = () => void gw.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
