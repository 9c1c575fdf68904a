/**
 * Small helpers shared by the benchmark runner and its child processes: statistics, formatting
 * and the protocol between them.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

/** Children print their result on one line with this prefix; anything else is passed on. */
export const RESULT_PREFIX = 'BENCH_RESULT ';

export function reportResult(result: unknown) {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

/**
 * Runs `bench/<script>` in a fresh Node process (through tsx, with `global.gc` exposed) and
 * returns the result it reported. A fresh process per measurement keeps heap and RSS figures
 * of one size from being polluted by an earlier one.
 */
export function runChild<T>(script: string, args: string[]): Promise<T> {
  const file = resolve(__dirname, script);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', file, ...args], {
      cwd: resolve(__dirname, '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let result: T | undefined;
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.startsWith(RESULT_PREFIX)) {
          result = JSON.parse(line.slice(RESULT_PREFIX.length)) as T;
        } else {
          process.stderr.write(`${line}\n`);
        }
        newline = buffer.indexOf('\n');
      }
    });
    child.on('error', reject);
    child.on('close', code => {
      if (code === 0 && result !== undefined) resolvePromise(result);
      else reject(new Error(`${script} ${args.join(' ')} exited with code ${code}`));
    });
  });
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile: the smallest value with at least p% of the values at or below. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms < 1) return `${ms.toFixed(3)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  return `${Math.round(ms).toLocaleString('en-US')} ms`;
}

export function formatMb(bytes: number): string {
  if (!Number.isFinite(bytes)) return '-';
  const mb = bytes / 1024 / 1024;
  return `${mb.toFixed(Math.abs(mb) < 10 ? 1 : 0)} MB`;
}

export function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-';
}

/** A plain-text table: numbers and figures right-aligned, text left-aligned. */
export function formatTable(headers: string[], rows: Array<Array<string | number>>): string {
  const cells = rows.map(row => row.map(cell => String(cell)));
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...cells.map(row => (row[column] ?? '').length)),
  );
  const numeric = headers.map((_, column) =>
    cells.every(row => /^[-<>~≈\d.,\s%x]*(ms|MB|s)?( [✓✗])?$/.test(row[column] ?? '')),
  );
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map(w => '-'.repeat(w)).join('  '), ...cells.map(line)].join(
    '\n',
  );
}

/** A deterministic PRNG (mulberry32) for picking query targets reproducibly. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` distinct items drawn from `items` with the given random source. */
export function sample<T>(items: readonly T[], count: number, random: () => number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0) {
    const i = Math.floor(random() * pool.length);
    picked.push(pool[i]);
    pool[i] = pool[pool.length - 1];
    pool.pop();
  }
  return picked;
}

export function gc() {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with --expose-gc (bench/run.ts does)');
  collect();
}
