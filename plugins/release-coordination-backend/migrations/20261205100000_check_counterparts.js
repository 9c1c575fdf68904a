// @ts-check

/**
 * A check report may name the counterpart it was tested against (`against`: an entity and its
 * version), e.g. a consumer's contract tests run against the provider's release candidate.
 * Together they say which pairs of versions were tested together along the dependency edges
 * among a train's participants (the compatibility matrix). The matrix reads a train's reports
 * with a counterpart, so they are indexed by train.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('check_results', table => {
    table
      .string('against_ref', 255)
      .nullable()
      .comment(
        'The entity the check ran against, e.g. the provider of a contract test',
      );
    table
      .string('against_version', 100)
      .nullable()
      .comment("The counterpart's version the check ran against");
    table.index(['train_id', 'against_ref'], 'check_results_against_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('check_results', table => {
    table.dropIndex(['train_id', 'against_ref'], 'check_results_against_idx');
    table.dropColumn('against_ref');
    table.dropColumn('against_version');
  });
};
