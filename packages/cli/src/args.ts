import { parseArgs } from 'node:util';
import { CliError } from './connection';

type OptionSpec = Record<
  string,
  { type: 'string' | 'boolean'; description: string }
>;

/** Parses a command's options; unknown options and missing required ones are usage errors. */
export function parseOptions<T extends OptionSpec>(
  argv: string[],
  spec: T,
  required: (keyof T & string)[],
): { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string } {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: Object.fromEntries(
        Object.entries(spec).map(([name, { type }]) => [name, { type }]),
      ),
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  const missing = required.filter(
    name => values[name] === undefined || values[name] === '',
  );
  if (missing.length > 0) {
    throw new CliError(
      `Missing ${missing.map(name => `--${name}`).join(', ')}`,
    );
  }
  return values as any;
}

/** The options of a command as its help shows them. */
export function describeOptions(
  spec: OptionSpec,
  required: string[],
): string[] {
  return Object.entries(spec).map(
    ([name, { type, description }]) =>
      `  --${name}${type === 'string' ? ' <value>' : ''}${required.includes(name) ? '' : ' (optional)'}\n      ${description}`,
  );
}

/** `90s`, `15m`, `2h` or plain seconds, in milliseconds. */
export function parseDuration(value: string, option: string): number {
  const match = /^(\d+)(s|m|h)?$/.exec(value.trim());
  if (!match)
    throw new CliError(
      `--${option} must be like 90s, 15m or 2h, got '${value}'`,
    );
  const unit = { s: 1_000, m: 60_000, h: 3_600_000 }[
    (match[2] ?? 's') as 's' | 'm' | 'h'
  ];
  return Number(match[1]) * unit;
}

/** An ISO 8601 time, or `now`. */
export function parseTime(value: string, option: string, now: Date): string {
  if (value === 'now') return now.toISOString();
  const time = new Date(value);
  if (Number.isNaN(time.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new CliError(
      `--${option} must be an ISO 8601 time such as 2026-12-05T10:00:00Z, or 'now'`,
    );
  }
  return time.toISOString();
}
