// @ts-check

/**
 * Indexes for the paged lists of a train's outcomes and retrospective. Each list filters by
 * train (and by what its query parameters name) and orders by time; these indexes answer
 * both, so that a page and its count read only the rows of that train, also for a portal that
 * keeps years of trains.
 *
 * - deployments, newest start first: of a train, of a train's environment, of a train's
 *   participant;
 * - feature flags by expiry (the order they need attention in);
 * - retrospective notes oldest first, of a train and of one column of its board;
 * - action items of a train oldest first (the retrospective's own items).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.index(['train_id', 'started_at', 'id'], 'deployments_train_started_idx');
    table.index(
      ['train_id', 'environment', 'started_at', 'id'],
      'deployments_train_environment_started_idx',
    );
    table.index(
      ['train_id', 'participant_ref', 'started_at', 'id'],
      'deployments_train_participant_started_idx',
    );
  });
  await knex.schema.alterTable('feature_flags', table => {
    table.index(['train_id', 'expires_at'], 'feature_flags_train_expiry_idx');
  });
  await knex.schema.alterTable('retrospective_notes', table => {
    table.index(['train_id', 'created_at', 'id'], 'retrospective_notes_train_created_idx');
    table.index(
      ['train_id', 'board_column', 'created_at', 'id'],
      'retrospective_notes_train_column_created_idx',
    );
  });
  await knex.schema.alterTable('action_items', table => {
    table.index(['train_id', 'created_at', 'id'], 'action_items_train_created_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('action_items', table => {
    table.dropIndex(['train_id', 'created_at', 'id'], 'action_items_train_created_idx');
  });
  await knex.schema.alterTable('retrospective_notes', table => {
    table.dropIndex(
      ['train_id', 'board_column', 'created_at', 'id'],
      'retrospective_notes_train_column_created_idx',
    );
    table.dropIndex(['train_id', 'created_at', 'id'], 'retrospective_notes_train_created_idx');
  });
  await knex.schema.alterTable('feature_flags', table => {
    table.dropIndex(['train_id', 'expires_at'], 'feature_flags_train_expiry_idx');
  });
  await knex.schema.alterTable('deployments', table => {
    table.dropIndex(
      ['train_id', 'participant_ref', 'started_at', 'id'],
      'deployments_train_participant_started_idx',
    );
    table.dropIndex(
      ['train_id', 'environment', 'started_at', 'id'],
      'deployments_train_environment_started_idx',
    );
    table.dropIndex(['train_id', 'started_at', 'id'], 'deployments_train_started_idx');
  });
};
