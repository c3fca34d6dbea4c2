/** The local CMPP + SMPP test gateway on loopback (`npm run dev:gateway`, and the test suite's protocol peer). */
import type { AddressInfo, Server, Socket } from 'node:net';
import { cmppServer } from './cmpp-server.js';
import { GatewayCore, type GatewayOptions } from './core.js';
import { smppServer } from './smpp-server.js';

export interface GatewayPorts {
  cmpp: number;
  smpp: number;
}

export class TestGateway extends GatewayCore {
  private servers: Server[] = [];
  private readonly sockets = new Set<Socket>();

  constructor(opts: GatewayOptions) {
    super(opts);
  }

  /** Port 0 picks a free port; the ports actually bound are returned. */
  async listen(ports: GatewayPorts = { cmpp: 0, smpp: 0 }, host = '127.0.0.1'): Promise<GatewayPorts> {
    const bind = (s: Server, port: number) =>
      new Promise<number>((resolve, reject) => {
        s.once('error', reject);
        s.on('connection', (sock: Socket) => {
          this.sockets.add(sock);
          sock.on('close', () => this.sockets.delete(sock));
        });
        s.listen(port, host, () => resolve((s.address() as AddressInfo).port));
      });
    const cmpp = cmppServer(this);
    const smpp = smppServer(this);
    this.servers = [cmpp, smpp];
    return { cmpp: await bind(cmpp, ports.cmpp), smpp: await bind(smpp, ports.smpp) };
  }

  /** Drop every client connection at once (a gateway restart, for fault tests). */
  dropConnections(): void {
    for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    this.stop();
    this.dropConnections();
    await Promise.all(this.servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
}
