/**
 * A time as the engines hand it back: SQLite as an ISO string or epoch number, PostgreSQL and
 * MySQL as a Date object.
 */
export type Time = Date | string | number;

/** A time column as the API shows it, whatever the engine returned. */
export function toIsoString(value: Time): string {
  return new Date(value).toISOString();
}

/** A nullable time column as the API shows it: absent rather than null. */
export function optionalIsoString(value: Time | null | undefined): string | undefined {
  return value === null || value === undefined ? undefined : toIsoString(value);
}

/**
 * A JSON column's value: text, since not every engine has a JSON type; `null` for nothing, so
 * that "no value" and "the value null" are not told apart by accident of the driver.
 */
export function toJsonColumn(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** A JSON column read back: `undefined` for a null column. */
export function fromJsonColumn(value: string | null | undefined): unknown {
  return value === null || value === undefined ? undefined : JSON.parse(value);
}
