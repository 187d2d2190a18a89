import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy between the app and its database that a test can cut:
 * - `refuse()`: every open connection is reset and new ones are refused (the server went away);
 * - `blackhole()`: new connections are accepted and then never answered (a host that is down
 *   behind a firewall, a network partition): only the client's own timeout ends the wait;
 * - `freeze()`: open connections stay open but nothing more crosses them, either way, and new
 *   ones are accepted and never answered (a partition: no reset, no refusal, just silence);
 * - `restore()`: connections are forwarded again, on the same port.
 */
export class CuttableProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private mode: 'forward' | 'blackhole' = 'forward';
  private readonly pairs = new Set<[Socket, Socket]>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<number> {
    await this.listen();
    return this.port;
  }

  private listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  private accept(client: Socket): void {
    this.track(client);
    client.on('error', () => client.destroy());
    if (this.mode === 'blackhole') return; // held open, never answered
    const upstream = connect(this.targetPort, this.targetHost);
    this.track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    client.on('close', () => this.pairs.delete(pair));
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  private dropAll(): void {
    for (const s of this.sockets) s.resetAndDestroy();
    this.sockets.clear();
  }

  private async stopListening(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resets every connection and refuses new ones. */
  async refuse(): Promise<void> {
    const closing = this.stopListening();
    this.dropAll();
    await closing;
  }

  /** Resets every connection; new ones are accepted and left unanswered. */
  async blackhole(): Promise<void> {
    await this.refuse();
    this.mode = 'blackhole';
    await this.listen();
  }

  /** Open connections fall silent (held open, nothing forwarded); new ones are accepted and left unanswered. */
  async freeze(): Promise<void> {
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
    this.mode = 'blackhole';
  }

  /** Forwards again (connections held by `blackhole()` are reset). */
  async restore(): Promise<void> {
    await this.refuse();
    this.mode = 'forward';
    await this.listen();
  }

  async stop(): Promise<void> {
    await this.refuse();
  }
}
