import type { Machine } from '../../shared/machine/types.js';

/**
 * What governance needs from the engine: start the run of a published version, and pause, resume
 * or stop it. The engine's adapter implements it and is injected through `AppServices.runControl`;
 * without one, publishing still records the version and marks the flow running, and says no run started.
 */
export interface RunControl {
  startRun(args: { flowId: string; version: number; machine: Machine }): { runId: number | string } | void;
  pauseRun(args: { flowId: string; version: number }): void;
  resumeRun(args: { flowId: string; version: number }): void;
  stopRun(args: { flowId: string; version: number; reason?: string }): void;
}

/** Test double: records calls in memory. Never used by the server itself. */
export class InMemoryFakeRunControl implements RunControl {
  readonly calls: { op: 'start' | 'pause' | 'resume' | 'stop'; flowId: string; version: number }[] = [];
  private next = 1;
  startRun(a: { flowId: string; version: number; machine: Machine }) {
    this.calls.push({ op: 'start', flowId: a.flowId, version: a.version });
    return { runId: this.next++ };
  }
  pauseRun(a: { flowId: string; version: number }) { this.calls.push({ op: 'pause', ...a }); }
  resumeRun(a: { flowId: string; version: number }) { this.calls.push({ op: 'resume', ...a }); }
  stopRun(a: { flowId: string; version: number }) { this.calls.push({ op: 'stop', flowId: a.flowId, version: a.version }); }
}
