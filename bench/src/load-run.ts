import autocannon, { type Options } from 'autocannon';

/** One autocannon run against one route. */
export interface LoadOptions {
  url: string;
  /** The status that counts as success (200 for the no-op, 201 for an accepted report). */
  okStatus: number;
  seconds: number;
  connections: number;
  /** The same body on every request … */
  body?: string;
  /** … or a new one per request. */
  nextBody?: () => string;
  /** Headers besides the content type, e.g. what a load balancer in front would add. */
  headers?: Record<string, string>;
}

/** What one run measured. Throughput counts only responses with the expected status. */
export interface LoadResult {
  okCount: number;
  okPerSecond: number;
  /** Latency of 2xx responses, ms. */
  p50Ms: number;
  p99Ms: number;
  /** Responses with another status, by status. */
  unexpected: Record<string, number>;
  unexpectedCount: number;
  /** Connection errors and timeouts (requests that got no response at all). */
  errors: number;
  seconds: number;
  connections: number;
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const config: Options = {
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
    timeout: 10,
    excludeErrorStats: true,
  };
  if (options.body !== undefined) config.body = options.body;
  const { nextBody } = options;
  if (nextBody) {
    config.requests = [
      {
        setupRequest: (request) => {
          request.body = nextBody();
          return request;
        },
      },
    ];
  }
  return new Promise((resolve, reject) => {
    autocannon(config, (error, result) => {
      if (error) return reject(error);
      const unexpected: Record<string, number> = {};
      let okCount = 0;
      for (const [status, { count }] of Object.entries(result.statusCodeStats)) {
        if (Number(status) === options.okStatus) okCount += count;
        else unexpected[status] = count;
      }
      resolve({
        okCount,
        okPerSecond: okCount / result.duration,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        unexpected,
        unexpectedCount: Object.values(unexpected).reduce((a, b) => a + b, 0),
        errors: result.errors,
        seconds: result.duration,
        connections: options.connections,
      });
    });
  });
}
