/** The part of the `smpp` package (0.5.1, plain JS) that Linkage uses. */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  namespace smpp {
    /** A decoded PDU: header fields plus the command's own fields by their SMPP names. */
    interface PDU {
      command: string;
      command_status: number;
      sequence_number: number;
      [field: string]: unknown;
      response(options?: Record<string, unknown>): PDU;
      isResponse(): boolean;
    }

    type Fields = Record<string, unknown>;
    type OnResponse = (pdu: PDU) => void;

    class Session extends EventEmitter {
      socket: Socket;
      send(pdu: PDU, onResponse?: OnResponse): boolean;
      bind_transceiver(fields: Fields, onResponse?: OnResponse): boolean;
      submit_sm(fields: Fields, onResponse?: OnResponse): boolean;
      deliver_sm(fields: Fields, onResponse?: OnResponse): boolean;
      enquire_link(fields: Fields, onResponse?: OnResponse): boolean;
      unbind(fields: Fields, onResponse?: OnResponse): boolean;
      close(callback?: () => void): void;
      destroy(callback?: () => void): void;
    }

    interface Server extends NetServer {
      sessions: Session[];
    }

    function connect(options: { host: string; port: number }, listener?: () => void): Session;
    function createServer(listener: (session: Session) => void): Server;

    const ESME_ROK: number;
    const ESME_RINVPASWD: number;
    const ESME_RINVSYSID: number;
    const ESME_RBINDFAIL: number;
    const ESME_RTHROTTLED: number;
    const ESME_RMSGQFUL: number;
    const ESME_RSYSERR: number;
  }
  export = smpp;
}
