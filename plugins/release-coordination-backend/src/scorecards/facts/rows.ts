import { Time } from '../../database/columns';

/** A time column as milliseconds since the epoch. */
export function ms(value: Time): number {
  return new Date(value).getTime();
}

/** A JSON column's value; undefined when it is empty or does not parse. */
export function parseJson(value: string | null | undefined): any {
  if (value === null || value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}
