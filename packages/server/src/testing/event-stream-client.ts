/** One message read off a text/event-stream: an event, or a comment line (a heartbeat). */
export type StreamMessage =
  | { kind: 'event'; event: string; id: string; data: string }
  | { kind: 'comment'; text: string }
  | { kind: 'retry'; retry: number };

/** What a test holds of an open stream. */
export interface EventStreamClient {
  response: Response;
  /** The next message, or null when the stream ended; rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<StreamMessage | null>;
  /** The next event named `name`, skipping comments and other events. */
  nextEvent(name: string, timeoutMs?: number): Promise<{ id: string; data: unknown }>;
  close(): void;
}

/** Opens a Server-Sent Events stream with fetch, the way a test wants to read it: message by message. */
export async function openEventStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventStreamClient> {
  const abort = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  // One read at a time: a read left behind by a timed-out next() still lands in the buffer.
  let pending: Promise<boolean> | null = null;
  let reading = 0;

  function read(): Promise<boolean> {
    pending ??= (reader ? reader.read() : Promise.resolve({ done: true as const, value: undefined }))
      .catch(() => ({ done: true as const, value: undefined }))
      .then((chunk) => {
        pending = null;
        if (!chunk.done) buffer += chunk.value;
        return chunk.done;
      });
    return pending;
  }

  async function readBlock(turn: number): Promise<string | null> {
    for (;;) {
      if (turn !== reading) return null;
      const end = buffer.indexOf('\n\n');
      if (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        return block;
      }
      if (await read()) return null;
    }
  }

  async function next(timeoutMs = 5_000): Promise<StreamMessage | null> {
    const turn = ++reading;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reading++;
        reject(new Error(`no message within ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      const block = await Promise.race([readBlock(turn), timeout]);
      return block === null ? null : parseBlock(block);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    response,
    next,
    async nextEvent(name, timeoutMs = 5_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const message = await next(Math.max(1, until - Date.now()));
        if (message === null) throw new Error(`the stream ended before an "${name}" event`);
        if (message.kind === 'event' && message.event === name) {
          return { id: message.id, data: JSON.parse(message.data) };
        }
      }
    },
    close: () => abort.abort(),
  };
}

function parseBlock(block: string): StreamMessage {
  const fields = new Map<string, string>();
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) return { kind: 'comment', text: line.slice(1).trim() };
    const colon = line.indexOf(':');
    fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
  }
  if (!fields.has('event') && fields.has('retry'))
    return { kind: 'retry', retry: Number(fields.get('retry')) };
  return {
    kind: 'event',
    event: fields.get('event') ?? 'message',
    id: fields.get('id') ?? '',
    data: fields.get('data') ?? '',
  };
}
