/**
 * What an admin binds a catalogue channel to (issue #19 item 1). One binding per channel; the engine
 * resolves it at each send, so a change applies to the next send and never to contacts already submitted.
 * Secrets (`password`, `secret`) are write-only: stored, used by the adapter, never returned by the API or logged.
 *
 * This file is the contract between the bindings store/admin page and the adapters that use it
 * (`http` here in bindings/, `smpp` / `cmpp` over server/channels' links, `dialer` for the call centre).
 */
export const BINDING_KINDS = ['simulated', 'http', 'smpp', 'cmpp', 'agent_queue', 'dialer'] as const;
export type BindingKind = (typeof BINDING_KINDS)[number];

/** An SMS gateway link (CMPP 2.0/3.0 ISMG or SMPP 3.4 SMSC), as the operator's gateway provider issues it. */
export interface GatewaySettings {
  host: string;
  port: number;
  /** CMPP Source_Addr (SP id, 6 digits) / SMPP system_id. */
  account: string;
  /** Write-only. */
  password: string;
  /** CMPP only. */
  version?: '2.0' | '3.0';
  /** CMPP Service_Id / SMPP service_type (may be empty). */
  serviceId: string;
  /** The SP access number (CMPP Src_Id prefix / SMPP source_addr); a touch's extension is appended to it. */
  accessNumber: string;
  /** Submits per second allowed on this link (the provider's contract). */
  tps: number;
  /** Unacknowledged submits in flight. */
  window: number;
  /** Prepended to every message as 【…】 when the channel's catalogue signature is not set. */
  signature?: string;
}

/** An HTTP platform of the operator (app push, WeChat service account, 5G message, a cloud SMS API). */
export interface HttpSettings {
  url: string;
  /** Standard Webhooks signing secret (`whsec_…`). Write-only. */
  secret: string;
  timeoutMs: number;
  /** Attempts before a contact goes to the dead-letter list. */
  maxAttempts: number;
}

/** The call centre's dialer pulls due call contacts (see the dialer API); nothing is pushed. */
export interface DialerSettings {
  /** Seconds a handed-out number may stay unreported before it is released and counted. */
  leaseSeconds: number;
}

export type BindingSettings =
  | { kind: 'simulated' }
  | { kind: 'agent_queue' }
  | { kind: 'http'; http: HttpSettings }
  | { kind: 'smpp'; gateway: GatewaySettings }
  | { kind: 'cmpp'; gateway: GatewaySettings }
  | { kind: 'dialer'; dialer: DialerSettings };

export interface ChannelBinding {
  channel: string;
  settings: BindingSettings;
  /** Bumped on every change; a submit records the version it went out with. */
  version: number;
  updatedAt: number;
  updatedBy: string;
}
