// @ts-check

/**
 * Trains change after they were created: participants join and leave. A participant that
 * leaves, and its gates, are marked removed rather than deleted: the decision log points at
 * them, and what a team approved or CI reported stays on record.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const time = { useTz: true, precision: 3 };

  await knex.schema.alterTable('train_participants', table => {
    table
      .datetime('removed_at', time)
      .nullable()
      .comment('When the entity left the train; null while it takes part');
  });

  await knex.schema.alterTable('train_gates', table => {
    table
      .datetime('removed_at', time)
      .nullable()
      .comment('When the gate left the train with its participant; null while it counts');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('train_gates', table => {
    table.dropColumn('removed_at');
  });
  await knex.schema.alterTable('train_participants', table => {
    table.dropColumn('removed_at');
  });
};
