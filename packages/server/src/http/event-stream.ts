import type { ServerResponse } from 'node:http';

/** The browser's wait before reconnecting after the stream dropped: a restarting server gets a moment. */
export const RECONNECT_MS = 5_000;
/** Least wait before reconnecting, told to streams a stopping server ends: another instance takes them at once. */
const RECONNECT_AFTER_STOP_MIN_MS = 1_000;

/**
 * The retry hint of a stream a stopping server ends: spread between 1 s and RECONNECT_MS, so
 * the dashboards of a stopped instance do not all arrive at another in the same moment.
 */
export function reconnectAfterStopMs(): number {
  return Math.round(
    RECONNECT_AFTER_STOP_MIN_MS + Math.random() * (RECONNECT_MS - RECONNECT_AFTER_STOP_MIN_MS),
  );
}
/**
 * Most bytes waiting for a client that does not read (a stalled connection). Past it the
 * stream is cut: the client catches up with a reload of its list once it is back, rather
 * than the server holding events for it without end.
 */
export const STREAM_BUFFER_MAX = 1_000_000;

/**
 * One Server-Sent Events message. JSON.stringify escapes every line break, so the data
 * always fits on the one `data:` line the format needs.
 */
export function formatEvent(name: string, id: number, data: unknown): string {
  return `event: ${name}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * A text/event-stream answer written straight to Node's response (the route hijacks the
 * reply from Fastify). Writes after the client left are dropped, never thrown.
 */
export class EventStream {
  private ended = false;
  /** True once the connection is closed, by either side. */
  private gone = false;
  private readonly closeListeners: (() => void)[] = [];

  constructor(private readonly response: ServerResponse) {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      // no-transform: a proxy must neither compress nor hold back the events.
      'cache-control': 'no-cache, no-transform',
      // nginx buffers proxied answers unless told not to; events must pass at once.
      'x-accel-buffering': 'no',
      // A stream is never reused for another request: once it ends, the socket may go too,
      // which is also what lets a shutting-down server finish at once.
      connection: 'close',
      'x-content-type-options': 'nosniff',
    });
    // The client may have left while the route was still checking who it is.
    if (response.destroyed) this.gone = this.ended = true;
    response.on('close', () => {
      this.gone = this.ended = true;
      for (const listener of this.closeListeners.splice(0)) listener();
    });
    // The first bytes send the headers, so the browser's EventSource opens now, not at the first event.
    this.write(`retry: ${RECONNECT_MS}\n\n`);
  }

  /** Sends one named event with its id and JSON data. */
  send(name: string, id: number, data: unknown): void {
    this.write(formatEvent(name, id, data));
  }

  /** Sends a comment line, which clients ignore; it keeps proxies from closing an idle stream. */
  comment(text: string): void {
    this.write(`: ${text}\n\n`);
  }

  /**
   * Ends the stream; the browser reconnects after RECONNECT_MS, or after `reconnectMs`, sent
   * as a last `retry:` hint (a server that stops).
   */
  close(reconnectMs?: number): void {
    if (reconnectMs !== undefined) this.write(`retry: ${reconnectMs}\n\n`);
    if (this.ended) return;
    this.ended = true;
    this.response.end();
  }

  /** Calls `listener` once when the connection is gone, whoever ended it. */
  onClose(listener: () => void): void {
    if (this.gone) listener();
    else this.closeListeners.push(listener);
  }

  private write(chunk: string): void {
    if (this.ended || this.response.writableEnded || this.response.destroyed) return;
    this.response.write(chunk);
    if (this.response.writableLength > STREAM_BUFFER_MAX) {
      this.ended = true;
      this.response.destroy();
    }
  }
}
