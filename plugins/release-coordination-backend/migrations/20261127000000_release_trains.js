// @ts-check

/**
 * Release trains: a release that many teams ship together.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('release_trains', table => {
    table.comment('Releases that many teams ship together');
    table.string('id', 36).primary().notNullable().comment('UUID of the train');
    table.string('name', 200).notNullable();
    table.text('objective').notNullable().comment('The shared release goal');
    table.string('ambassador_ref', 255).notNullable().comment('User entity ref running the train');
    table.string('status', 32).notNullable().defaultTo('active');
    table.string('current_stage', 100).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['status'], 'release_trains_status_idx');
    table.index(['created_at'], 'release_trains_created_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('release_trains');
};
