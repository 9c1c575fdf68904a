import { englishT, type ReleaseCoordinationT } from '../shared';

/**
 * A duration as people read it on a release page, coarse and at most two units:
 * `45 s`, `7 min 30 s`, `2 h 5 min`, `3 d 4 h`.
 */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    const rest = seconds % 60;
    return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest ? `${hours} h ${rest} min` : `${hours} h`;
  }
  const wholeDays = Math.floor(hours / 24);
  const rest = hours % 24;
  return rest ? `${wholeDays} d ${rest} h` : `${wholeDays} d`;
}

/** `3 days`, `1 day`, in the app's language when given its `t`. */
export function days(
  count: number,
  t: ReleaseCoordinationT = englishT,
): string {
  return t('outcomes.days', { count });
}

/** True for an absolute http(s) link, as the backend accepts them. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
