import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { AppConfig } from '../config/app-config.js';
import { DatabaseServer } from './database-server.js';

/** What a module hears from a channel. */
export interface ChannelSubscriber {
  /** A notification arrived (its payload as sent; NOTIFY is transactional: sent at the writer's commit). */
  notified(payload: string): void;
  /**
   * LISTEN is in force, the first time or again after the connection dropped: from now on every
   * commit that notifies reaches `notified`, but anything may have changed before: read it again.
   */
  listening(): void;
  /** The listening connection is gone: notifications are missed until `listening` is called again. */
  lost(): void;
}

/** The first wait before connecting again after the listening connection dropped; doubles up to the second. */
const RECONNECT_FIRST_MS = 500;
const RECONNECT_MAX_MS = 15_000;
/** How the listening connection shows in pg_stat_activity (and how a test finds it). */
export const LISTEN_APPLICATION_NAME = 'sotay-listen';

/**
 * PostgreSQL LISTEN/NOTIFY for the modules that keep something in memory that other processes
 * may change (the FAQ's analysed entries): one dedicated connection per process, outside the pool,
 * that LISTENs on the channels subscribed and hands each notification to its subscribers. When it
 * drops, subscribers are told (`lost`: they must check the database again until it is back) and it
 * reconnects with a growing wait; once LISTEN is in force again they are told to re-read
 * (`listening`).
 *
 * Not on the embedded database: PGlite serves every socket connection with its one backend
 * session, so a NOTIFY is delivered to the connection that committed it, never to the listening
 * one (test/e2e/faq-notify.e2e-spec.ts shows it). `available` is false there and subscribers are
 * never told `listening`: they keep checking the database.
 */
@Injectable()
export class DatabaseNotifications implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DatabaseNotifications');
  private readonly channels = new Map<string, ChannelSubscriber[]>();
  private client?: pg.Client;
  private connected = false;
  private stopped = false;
  private retry?: NodeJS.Timeout;
  private wait = RECONNECT_FIRST_MS;

  constructor(
    private readonly config: AppConfig,
    private readonly server: DatabaseServer,
  ) {}

  /** LISTEN/NOTIFY reaches this process (a PostgreSQL server, not the embedded database). */
  get available(): boolean {
    return !this.config.embeddedDatabase;
  }

  /** Subscribes to a channel (a plain identifier); takes effect at once when already listening. */
  subscribe(channel: string, subscriber: ChannelSubscriber): void {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a channel name: ${channel}`);
    const list = this.channels.get(channel);
    if (list) {
      list.push(subscriber);
      if (this.connected) subscriber.listening();
      return;
    }
    this.channels.set(channel, [subscriber]);
    if (this.connected && this.client) {
      const client = this.client;
      client.query(`LISTEN ${channel}`).then(
        () => this.client === client && subscriber.listening(),
        (e: Error) => this.dropped(client, e),
      );
    }
  }

  onApplicationBootstrap(): void {
    if (this.available) void this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    this.connected = false;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({
      connectionString: this.server.url,
      application_name: LISTEN_APPLICATION_NAME,
      connectionTimeoutMillis: 10_000,
      // an idle connection whose peer went away silently is found by TCP keepalive
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    this.client = client;
    client.on('error', (e) => this.dropped(client, e));
    client.on('end', () => this.dropped(client, new Error('the connection ended')));
    client.on('notification', (n) => {
      for (const s of this.channels.get(n.channel) ?? []) s.notified(n.payload ?? '');
    });
    try {
      await client.connect();
      for (const channel of this.channels.keys()) await client.query(`LISTEN ${channel}`);
    } catch (e) {
      this.dropped(client, e as Error);
      return;
    }
    if (this.client !== client) return;
    this.connected = true;
    this.wait = RECONNECT_FIRST_MS;
    for (const list of this.channels.values()) for (const s of list) s.listening();
  }

  private dropped(client: pg.Client, error: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    const wasConnected = this.connected;
    this.connected = false;
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    if (wasConnected) {
      this.logger.warn(`the LISTEN connection dropped (${error.message}); checking the database until it is back`);
      for (const list of this.channels.values()) for (const s of list) s.lost();
    }
    this.retry = setTimeout(() => void this.connect(), this.wait);
    this.retry.unref();
    this.wait = Math.min(this.wait * 2, RECONNECT_MAX_MS);
  }
}
