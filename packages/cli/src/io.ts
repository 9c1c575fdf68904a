/** Where a command writes, and what it reads of its surroundings; tests pass their own. */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  fetch: typeof fetch;
  /** Waits, for commands that poll; tests make it instant. */
  sleep(ms: number): Promise<void>;
  now(): Date;
}

export const processIo: CommandIo = {
  out: line => process.stdout.write(`${line}\n`),
  err: line => process.stderr.write(`${line}\n`),
  env: process.env,
  fetch: (...args) => fetch(...args),
  sleep: ms => new Promise(resolve => setTimeout(resolve, ms)),
  now: () => new Date(),
};
