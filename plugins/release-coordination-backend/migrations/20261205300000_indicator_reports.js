// @ts-check

/**
 * Leading indicators as CI measures them per component: code review, test health and
 * time-to-merge. A report is idempotent by `(entity_ref, report_key)`. Scorecards read the
 * reports measured in a period (`measured_at`), and a gate rule a component's newest ones;
 * `reported_at` tells cached scorecards that something new came in.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const time = { useTz: true, precision: 3 };
  await knex.schema.createTable('indicator_reports', table => {
    table.comment('Leading indicators of components, as CI reported them');
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table
      .string('owner_ref', 255)
      .nullable()
      .comment("The entity's owner when reported");
    table
      .string('report_key', 200)
      .notNullable()
      .comment('The CI run; reports upsert by it');
    table.datetime('measured_at', time).notNullable();
    table.integer('merged_changes').nullable();
    table
      .integer('reviewed_changes')
      .nullable()
      .comment('Merged with an approving review by another');
    table.integer('tests_executed').nullable();
    table.integer('tests_passed').nullable();
    table
      .integer('tests_flaky')
      .nullable()
      .comment('Passed and failed on the same commit');
    table
      .text('merge_hours')
      .nullable()
      .comment('JSON: hours to merge, one per change');
    table.string('reporter', 255).notNullable();
    table.datetime('reported_at', time).notNullable();
    table.unique(['entity_ref', 'report_key'], {
      indexName: 'indicator_reports_entity_key_uq',
    });
    table.index(['measured_at', 'id'], 'indicator_reports_measured_idx');
    table.index(
      ['entity_ref', 'measured_at', 'id'],
      'indicator_reports_entity_measured_idx',
    );
    table.index(['reported_at'], 'indicator_reports_reported_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('indicator_reports');
};
