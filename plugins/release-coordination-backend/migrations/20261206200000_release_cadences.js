// @ts-check

/**
 * Release cadences: recurring series of trains with shared stage windows, an ambassador roster
 * per series, the rotation's skips and swaps, and handover notes. A train records its cadence
 * and occurrence; one train per occurrence, which also answers a series' history by index.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const time = { useTz: true, precision: 3 };
  await knex.schema.createTable('release_cadences', table => {
    table.comment('Recurring series of release trains');
    table.string('id', 36).primary();
    table.string('name', 200).notNullable().unique('release_cadences_name_key');
    table.text('description').nullable();
    table.integer('interval_days').notNullable();
    table.datetime('first_start', time).notNullable();
    table
      .text('stage_offsets')
      .notNullable()
      .comment('JSON: [{ stage, startDay, endDay }]');
    table
      .text('team_refs')
      .notNullable()
      .comment('JSON: the Groups taking part');
    table.string('created_by', 255).notNullable();
    table.datetime('created_at', time).notNullable();
  });
  await knex.schema.alterTable('release_trains', table => {
    // No foreign key: cadences are never deleted, and SQLite would rebuild the table for one.
    table
      .string('cadence_id', 36)
      .nullable()
      .comment('The cadence the train belongs to');
    table.integer('cadence_occurrence').nullable();
    table.unique(['cadence_id', 'cadence_occurrence'], {
      indexName: 'release_trains_cadence_key',
    });
  });
  await knex.schema.createTable('cadence_roster', table => {
    table.comment(
      'Who takes turns as ambassador of a cadence, in rotation order',
    );
    table
      .string('cadence_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_cadences')
      .onDelete('CASCADE');
    table.string('member_ref', 255).notNullable();
    table.integer('position').notNullable();
    table.primary(['cadence_id', 'member_ref']);
  });
  await knex.schema.createTable('cadence_rotation_changes', table => {
    table.comment(
      'Skips and swaps of the ambassador rotation, with their reason',
    );
    table.increments('id');
    table
      .string('cadence_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_cadences')
      .onDelete('CASCADE');
    table.integer('occurrence').notNullable();
    table.string('kind', 8).notNullable().comment('skip or swap');
    table.string('member_ref', 255).notNullable();
    table.string('substitute_ref', 255).nullable();
    table.text('reason').notNullable();
    table.string('recorded_by', 255).notNullable();
    table.datetime('recorded_at', time).notNullable();
    table.index(
      ['cadence_id', 'occurrence'],
      'cadence_rotation_changes_occurrence_idx',
    );
  });
  await knex.schema.createTable('cadence_handovers', table => {
    table.comment(
      'Notes of an ambassador for whoever runs the next train of the series',
    );
    table.increments('id');
    table
      .string('cadence_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_cadences')
      .onDelete('CASCADE');
    table
      .string('train_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_trains')
      .onDelete('CASCADE');
    table.string('author_ref', 255).notNullable();
    table.text('note').notNullable();
    table.datetime('created_at', time).notNullable();
    table.index(['cadence_id', 'id'], 'cadence_handovers_cadence_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('cadence_handovers');
  await knex.schema.dropTable('cadence_rotation_changes');
  await knex.schema.dropTable('cadence_roster');
  await knex.schema.alterTable('release_trains', table => {
    table.dropUnique(
      ['cadence_id', 'cadence_occurrence'],
      'release_trains_cadence_key',
    );
    table.dropColumn('cadence_occurrence');
    table.dropColumn('cadence_id');
  });
  await knex.schema.dropTable('release_cadences');
};
