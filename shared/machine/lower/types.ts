import type { Script } from '../../flow/script.js';
import type { MachineEntry, MachineState, StateId } from '../types.js';

/** What a lowering may ask of the compiler while turning one node into states. */
export interface LoweringContext {
  /**
   * Where a customer leaving the current node through `port` goes: the entry state of the node the
   * port's edge leads to, or — for an unconnected optional port — a terminal state
   * `${nodeId}.${port}` whose outcome is the port id (created on first use).
   */
  exit(port: string): StateId;
  /** Register a script under a key (touch scripts use `${nodeId}.${touchId}`). */
  addScript(key: string, script: Script): void;
}

export interface LoweredNode {
  states: MachineState[];
  /** Set by the entry node: the first state of every journey. */
  initial?: StateId;
  /** Set by the entry node: who enters and how (`machine.entry`). */
  entry?: MachineEntry;
}

/**
 * How one node type becomes machine states, given its data `D`. `entry` must be known before any
 * node is lowered (other nodes' exits point at it), so it is a separate, data-only function.
 * Methods (not function properties) so a `Lowering<WaitData>` fits where a `Lowering<unknown>` is expected.
 */
export interface Lowering<D> {
  /** The state a customer entering the node goes to; null for entry nodes, which have no input. */
  entry(nodeId: string, data: D): StateId | null;
  lower(nodeId: string, data: D, ctx: LoweringContext): LoweredNode;
}

/** Identity helper that pins `D`, so each lowering file is checked against its own data type. */
export const defineLowering = <D>(lowering: Lowering<D>): Lowering<D> => lowering;

/** `${nodeId}.${touchId}`: the key of a touch's script, and the prefix of its states. */
export const touchKey = (nodeId: string, touchId: string): string => `${nodeId}.${touchId}`;
export const sendStateId = (nodeId: string, touchId: string): StateId => `${touchKey(nodeId, touchId)}.send`;
/** The second send state of a touch whose failure rule is "retry on another channel". */
export const retryStateId = (nodeId: string, touchId: string): StateId => `${touchKey(nodeId, touchId)}.retry`;
export const awaitStateId = (nodeId: string, touchId: string): StateId => `${touchKey(nodeId, touchId)}.await`;
