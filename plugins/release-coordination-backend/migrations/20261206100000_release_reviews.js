// @ts-check

/**
 * Joint release reviews: a train's risk register, and the sign-off of each team that owns
 * participants. A register is read per train, oldest first; a team signs off a train once.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const time = { useTz: true, precision: 3 };
  await knex.schema.createTable('review_risks', table => {
    table.comment(
      'The risk register of a train, kept during its release review',
    );
    table.increments('id');
    table
      .string('train_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_trains')
      .onDelete('CASCADE');
    table.string('title', 500).notNullable();
    table.string('owner_ref', 255).notNullable().comment('A Group or User');
    table.string('likelihood', 8).notNullable().comment('low, medium or high');
    table.string('impact', 8).notNullable().comment('low, medium or high');
    table.text('mitigation').nullable();
    table
      .string('status', 16)
      .notNullable()
      .comment('open, mitigated, accepted or closed');
    table.string('created_by', 255).notNullable();
    table.datetime('created_at', time).notNullable();
    table.string('updated_by', 255).notNullable();
    table.datetime('updated_at', time).notNullable();
    table.integer('version').notNullable().defaultTo(0);
    table.index(['train_id', 'id'], 'review_risks_train_idx');
  });
  await knex.schema.createTable('review_sign_offs', table => {
    table.comment('A team signing off the release review of a train');
    table
      .string('train_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_trains')
      .onDelete('CASCADE');
    table.string('team_ref', 255).notNullable().comment('The owning Group');
    table.string('signed_by', 255).notNullable();
    table.datetime('signed_at', time).notNullable();
    table.text('comment').nullable();
    table.primary(['train_id', 'team_ref']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('review_sign_offs');
  await knex.schema.dropTable('review_risks');
};
