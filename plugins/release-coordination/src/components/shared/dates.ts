/** A moment as the viewer reads it: their locale and time zone. */
export function formatTime(iso: string): string {
  return new Date(iso).toLocaleString();
}

/** A day as the viewer reads it: their locale and time zone. */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString();
}

/**
 * A `YYYY-MM-DD` date input as the end of that day in the viewer's time zone: a flag that
 * "expires on the 15th", a waiver "until the 15th" and an action item "due on the 15th" all
 * count through the 15th.
 */
export function endOfDay(date: string): Date {
  return new Date(`${date}T23:59:59`);
}
