// autocannon ships no types, and @types/autocannon is not installed: the little the `trains`
// benchmark uses of it.
declare module 'autocannon' {
  import { EventEmitter } from 'node:events';

  interface Request {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    /** Called before each request; its answer is sent. */
    setupRequest?: (request: Request, context: object) => Request;
    onResponse?: (status: number, body: string, context: object) => void;
  }

  interface Options {
    url: string;
    connections?: number;
    /** Total requests; the run ends after them. */
    amount?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    requests?: Request[];
  }

  interface Instance extends EventEmitter, PromiseLike<{ errors: number; timeouts: number }> {
    stop(): void;
  }

  function autocannon(options: Options): Instance;
  export = autocannon;
}
