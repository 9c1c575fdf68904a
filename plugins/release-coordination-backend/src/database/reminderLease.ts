/**
 * How long a claimed reminder belongs to the run that claimed it. Reminders are recorded as
 * sent only after the notification went out; a run that stopped in between (a crash, a
 * replica taken down) leaves its claim behind, and once the claim is older than this a later
 * run sends the reminder again. Far longer than one notification takes, so that a run still
 * sending is never doubled by another replica.
 */
export const REMINDER_LEASE_MS = 15 * 60 * 1000;

/** Claims made before this time, as seen at `at`, were left behind and may be taken over. */
export function staleReminderClaimsBefore(at: Date): Date {
  return new Date(at.getTime() - REMINDER_LEASE_MS);
}
