// @ts-check

/**
 * Indexes for the questions people ask of years of trains, so that none of them reads every
 * train to answer for a few:
 * - "which approvals wait for my Groups": approval gates by their approver, which until now
 *   lived only inside the gate's JSON `config` and had to be read for every gate of every
 *   active train;
 * - the latest check result per participant and check, without reading every report;
 * - trains by status, newest first;
 * - the decision log and trains by time, and gate decisions by gate, for scorecards over a
 *   period.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('train_gates', table => {
    table
      .string('approver_ref', 255)
      .nullable()
      .comment('Approval gates: the Group (or User) whose members decide; copied from config');
    table.index(['approver_ref', 'state'], 'train_gates_approver_idx');
  });
  // Copy the approver out of the JSON configuration of existing approval gates, in SQL: the
  // table may hold hundreds of thousands of gates.
  const client = String(knex.client.config.client);
  let approverOfConfig;
  if (client.includes('pg')) {
    approverOfConfig = "config::json->>'approverRef'";
  } else if (client.includes('mysql')) {
    approverOfConfig = "JSON_UNQUOTE(JSON_EXTRACT(config, '$.approverRef'))";
  } else {
    approverOfConfig = "json_extract(config, '$.approverRef')";
  }
  await knex('train_gates')
    .where('kind', 'approval')
    .update({ approver_ref: knex.raw(approverOfConfig) });

  await knex.schema.alterTable('check_results', table => {
    // The newest report per participant and check is the one with the highest id.
    table.index(['train_id', 'participant_ref', 'check_name', 'id'], 'check_results_latest_idx');
  });
  await knex.schema.alterTable('release_trains', table => {
    table.index(['status', 'created_at'], 'release_trains_status_created_idx');
    table.index(['updated_at'], 'release_trains_updated_at_idx');
  });
  await knex.schema.alterTable('train_decisions', table => {
    table.index(['created_at'], 'train_decisions_created_at_idx');
    table.index(['subject'], 'train_decisions_subject_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('train_decisions', table => {
    table.dropIndex(['subject'], 'train_decisions_subject_idx');
    table.dropIndex(['created_at'], 'train_decisions_created_at_idx');
  });
  await knex.schema.alterTable('release_trains', table => {
    table.dropIndex(['updated_at'], 'release_trains_updated_at_idx');
    table.dropIndex(['status', 'created_at'], 'release_trains_status_created_idx');
  });
  await knex.schema.alterTable('check_results', table => {
    table.dropIndex(['train_id', 'participant_ref', 'check_name', 'id'], 'check_results_latest_idx');
  });
  await knex.schema.alterTable('train_gates', table => {
    table.dropIndex(['approver_ref', 'state'], 'train_gates_approver_idx');
  });
  await knex.schema.alterTable('train_gates', table => {
    table.dropColumn('approver_ref');
  });
};
