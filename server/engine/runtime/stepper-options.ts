import type { AdapterMap, ChannelAdapter } from '../channels/adapter.js';
import type { ContactPolicy } from '../core/policy.js';
import type { ProvisioningService } from '../core/provision.js';

/** How a RunStepper works: the contact policy, the channel adapters and batching. */
export interface StepperOptions {
  policy: ContactPolicy;
  adapters: AdapterMap;
  /** Adapter for channels not in `adapters`. */
  defaultAdapter: ChannelAdapter;
  /** Journeys read and written per transaction. */
  batchSize: number;
  /** 'all': every move is traced, set-based ones too; 'decisions': only per-customer decisions and events. */
  traces: 'all' | 'decisions';
  /**
   * Make sends set-based when no customer's outcome depends on another's (default true): outbox and
   * agent channels, inside contact hours, capacity and budget sufficient for every journey due this
   * tick. Customers a SQL pre-check cannot clear (unreachable, at a cap) still go through `step()`.
   */
  setBasedSends?: boolean;
  /** The operator service provision states call; default: the simulated one, seeded by the run. */
  provisioning?: ProvisioningService;
  /** Step only this slice of the run's customers (engine workers); the whole run when absent. */
  partition?: Partition;
}

/** A slice of a run's customers (journeys.part = customer_id % parts) that one engine worker steps at a time. */
export interface Partition {
  part: number;
  parts: number;
}
