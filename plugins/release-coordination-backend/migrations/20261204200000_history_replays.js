// @ts-check

/**
 * Replays of history into an empty database (see the history extension point): one row per
 * replay, claimed by the replica that runs it, so that two replicas starting together never
 * both replay it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const time = { useTz: true, precision: 3 };
  await knex.schema.createTable('history_replays', table => {
    table.comment('History replays: which ran, when they were claimed and when they finished');
    table.string('id', 255).primary().notNullable();
    table.datetime('claimed_at', time).notNullable();
    table.datetime('completed_at', time).nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('history_replays');
};
