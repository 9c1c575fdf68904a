// @ts-check

/**
 * Change freezes declared through the API (those of the app-config are read at start-up): a
 * period in which nothing in its scope ships to production. A lifted freeze stays on record.
 * Lists and rules read the freezes that overlap a period: indexed by end, then start.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const time = { useTz: true, precision: 3 };
  await knex.schema.createTable('freeze_windows', table => {
    table.comment('Change freezes declared by release managers');
    table.increments('id');
    table.datetime('starts_at', time).notNullable();
    table.datetime('ends_at', time).notNullable().comment('Exclusive');
    table.text('reason').notNullable();
    table
      .string('scope_kind', 16)
      .notNullable()
      .comment('all, system or domain');
    table
      .string('scope_ref', 255)
      .nullable()
      .comment('The System or Domain, unless all');
    table.string('declared_by', 255).notNullable();
    table.datetime('declared_at', time).notNullable();
    table.string('lifted_by', 255).nullable();
    table
      .datetime('lifted_at', time)
      .nullable()
      .comment('Null while the freeze stands');
    table.index(['ends_at', 'starts_at'], 'freeze_windows_period_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('freeze_windows');
};
