// @ts-check

/**
 * Reminders are sent at least once: a run claims a reminder (`*_claimed_at`) before it sends
 * it and records it as sent (`*_reminded_at`) only once the notification went out. A claim left
 * behind by a backend that stopped in between expires after a lease, and a later run sends the
 * reminder then.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const time = { useTz: true, precision: 3 };
  await knex.schema.alterTable('action_items', table => {
    table
      .datetime('reminder_claimed_at', time)
      .nullable()
      .comment('When a run began to send the overdue reminder; cleared once it was sent');
  });
  await knex.schema.alterTable('feature_flags', table => {
    table
      .datetime('expiring_reminder_claimed_at', time)
      .nullable()
      .comment('When a run began to send the expiring reminder; cleared once it was sent');
    table
      .datetime('expired_reminder_claimed_at', time)
      .nullable()
      .comment('When a run began to send the expired reminder; cleared once it was sent');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('feature_flags', table => {
    table.dropColumn('expiring_reminder_claimed_at');
    table.dropColumn('expired_reminder_claimed_at');
  });
  await knex.schema.alterTable('action_items', table => {
    table.dropColumn('reminder_claimed_at');
  });
};
