// @ts-check

/**
 * The approval gates of active trains that wait for a caller's Groups ("My approvals"): the
 * query starts from the few active trains and looks up each one's gates of those approvers.
 * With only the approver index, PostgreSQL intersected every gate of those Groups ever created
 * (tens of thousands after years of trains) once per active train: about 0.5 s at 10,000
 * trains. With the train first, each look-up reads that train's gates of the approvers only.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('train_gates', table => {
    table.index(['train_id', 'approver_ref'], 'train_gates_train_approver_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('train_gates', table => {
    table.dropIndex(['train_id', 'approver_ref'], 'train_gates_train_approver_idx');
  });
};
