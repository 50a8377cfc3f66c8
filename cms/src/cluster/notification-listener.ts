import { openPostgresSession, type DatabaseConfigured, type PostgresSession } from './postgres-session';

/**
 * One PostgreSQL session per Strapi process that LISTENs on every channel the process follows
 * (cache-invalidation.ts), so an instance holds one extra connection however many channels.
 *
 * When the session drops (a database restart, a network cut), it reconnects with growing delays,
 * listens again and calls every handler without a payload: notifications sent meanwhile are lost,
 * so each follower must assume its copy is stale. Operations run one at a time, in order, so a
 * channel added while the session is connecting is not missed.
 */

/** Called with the notification's payload, or with none after a reconnection. */
export type NotificationHandler = (payload?: string) => void;

export interface NotificationListener {
  /** Listens on `channel` (connecting first if needed); resolves once listening or retrying. */
  follow(channel: string, handler: NotificationHandler): Promise<void>;
  /** Stops listening on `channel`; the session closes with the last one. */
  unfollow(channel: string): Promise<void>;
}

export interface ListeningStrapi extends DatabaseConfigured {
  log: { info(message: string): void; warn(message: string): void };
}

export const LISTENER_APPLICATION_NAME = 'koper-otok cms: cache invalidation';

const FIRST_RETRY_MS = 250;
const LONGEST_RETRY_MS = 10_000;

/** How long to wait before reconnect attempt `attempt` (0, 1, ...): doubling, capped. */
export function reconnectDelayMs(attempt: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempt));
}

// LISTEN takes no bind parameters: the channel is quoted as an identifier.
const identifier = (channel: string) => `"${channel.replace(/"/g, '""')}"`;

const listeners = new WeakMap<object, NotificationListener>();

/** The process's listener on Strapi's PostgreSQL database (one per Strapi instance). */
export function notificationListener(strapi: ListeningStrapi, settings: Record<string, unknown>): NotificationListener {
  let listener = listeners.get(strapi);
  if (!listener) {
    listener = createListener(strapi, settings);
    listeners.set(strapi, listener);
  }
  return listener;
}

function createListener(strapi: ListeningStrapi, settings: Record<string, unknown>): NotificationListener {
  const handlers = new Map<string, NotificationHandler>();
  let session: PostgresSession | undefined;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;
  let queue = Promise.resolve();
  const inOrder = (operation: () => Promise<void>) => (queue = queue.then(operation, operation));

  const connect = async (): Promise<void> => {
    clearTimeout(retry);
    retry = undefined;
    if (session || handlers.size === 0) return;
    let opened: PostgresSession | undefined;
    try {
      opened = await openPostgresSession(strapi, settings, LISTENER_APPLICATION_NAME);
      opened.on('error', (error) => strapi.log.warn(`Cache invalidation: ${error.message}`));
      opened.on('end', () => lost(opened));
      opened.on('notification', ({ channel, payload }) => handlers.get(channel)?.(payload));
      for (const channel of handlers.keys()) await opened.query(`LISTEN ${identifier(channel)}`);
    } catch (error) {
      // Once per outage: the retries that follow would repeat the same line.
      if (failures === 0)
        strapi.log.warn(
          `Cache invalidation: cannot listen on PostgreSQL (${(error as Error).message}); changes made ` +
            'through other instances apply after each cache’s time to live until it reconnects.',
        );
      await opened?.end().catch(() => undefined);
      scheduleReconnect();
      return;
    }
    session = opened;
    if (failures > 0) strapi.log.info('Cache invalidation: listening on PostgreSQL again');
    failures = 0;
    for (const handler of handlers.values()) handler();
  };

  const scheduleReconnect = () => {
    if (retry || handlers.size === 0) return;
    retry = setTimeout(() => void inOrder(connect), reconnectDelayMs(failures++));
    retry.unref();
  };

  const lost = (ended: PostgresSession | undefined) => {
    if (ended === undefined || session !== ended) return;
    session = undefined;
    strapi.log.warn('Cache invalidation: the listening PostgreSQL session closed; reconnecting');
    scheduleReconnect();
  };

  const listenOrConnect = async (channel: string) => {
    if (!session) return connect();
    // Only a broken session fails here; its end then reconnects, listening on every channel.
    await session.query(`LISTEN ${identifier(channel)}`).catch(() => undefined);
  };

  const stopListening = async (channel: string) => {
    if (handlers.size > 0) {
      await session?.query(`UNLISTEN ${identifier(channel)}`).catch(() => undefined);
      return;
    }
    clearTimeout(retry);
    retry = undefined;
    const closing = session;
    session = undefined;
    await closing?.end().catch(() => undefined);
  };

  return {
    follow(channel, handler) {
      handlers.set(channel, handler);
      return inOrder(() => listenOrConnect(channel));
    },
    unfollow(channel) {
      handlers.delete(channel);
      return inOrder(() => stopListening(channel));
    },
  };
}
