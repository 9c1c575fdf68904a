// @ts-check

/**
 * Stages, participants, gates and the decision log of release trains.
 *
 * Times are `datetime` with milliseconds: MySQL's `timestamp` ends in 2038, and waivers or
 * windows may run later. JSON goes into `longtext` so that MySQL does not cut it at 64 KB.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const time = { useTz: true, precision: 3 };

  await knex.schema.alterTable('release_trains', table => {
    table
      .integer('version')
      .notNullable()
      .defaultTo(0)
      .comment('Bumped by every change; writers compare-and-set it');
    table.text('stage_plan', 'longtext').nullable().comment('JSON: the stages with their windows');
  });

  await knex.schema.createTable('train_participants', table => {
    table.comment('Catalog entities taking part in a train');
    table
      .string('train_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_trains')
      .onDelete('CASCADE');
    table.string('entity_ref', 255).notNullable();
    table.string('target_version', 100).notNullable();
    table.string('owner_ref', 255).nullable().comment('From the catalog when the entity joined');
    table.integer('position').notNullable().comment('Order in which participants were given');
    table.primary(['train_id', 'entity_ref']);
    table.index(['entity_ref'], 'train_participants_entity_ref_idx');
  });

  await knex.schema.createTable('train_gates', table => {
    table.comment('Gates of a train, instantiated from the stage templates');
    table.string('id', 36).primary().notNullable();
    table
      .string('train_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_trains')
      .onDelete('CASCADE');
    table.string('stage', 100).notNullable();
    table.string('phase', 8).notNullable().comment('entry or exit');
    table.string('template_id', 100).notNullable();
    table.string('kind', 16).notNullable();
    table.string('participant_ref', 255).nullable();
    table.string('state', 16).notNullable().defaultTo('pending');
    table.text('config', 'longtext').notNullable().comment('JSON: title, approvers, quorum...');
    table.text('reason').nullable().comment('Why a rule gate last passed or failed');
    table.datetime('updated_at', time).notNullable();
    table.integer('version').notNullable().defaultTo(0);
    table.index(['train_id', 'stage'], 'train_gates_train_stage_idx');
    table.index(['participant_ref'], 'train_gates_participant_idx');
  });

  await knex.schema.createTable('gate_approvals', table => {
    table.comment('The current decision of each approver of a gate');
    table.increments('id');
    table
      .string('gate_id', 36)
      .notNullable()
      .references('id')
      .inTable('train_gates')
      .onDelete('CASCADE');
    table.string('user_ref', 255).notNullable();
    table.string('decision', 16).notNullable().comment('approve or reject');
    table.text('comment').nullable();
    table.datetime('decided_at', time).notNullable();
    table.datetime('expires_at', time).nullable();
    table.unique(['gate_id', 'user_ref'], { indexName: 'gate_approvals_gate_user_uq' });
  });

  await knex.schema.createTable('check_results', table => {
    table.comment('Check results reported by CI; the newest per check and participant counts');
    table.increments('id');
    table
      .string('train_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_trains')
      .onDelete('CASCADE');
    table.string('participant_ref', 255).notNullable();
    table.string('check_name', 100).notNullable();
    table.string('idempotency_key', 200).notNullable();
    table.string('status', 16).notNullable();
    table.text('evidence_url').nullable();
    table.datetime('reported_at', time).notNullable();
    table.string('reporter', 255).notNullable();
    table.unique(['train_id', 'idempotency_key'], { indexName: 'check_results_idempotency_uq' });
    table.index(['train_id', 'participant_ref', 'check_name'], 'check_results_lookup_idx');
  });

  await knex.schema.createTable('gate_waivers', table => {
    table.comment('Gates let through on purpose: who, why, until when');
    table.increments('id');
    table
      .string('gate_id', 36)
      .notNullable()
      .references('id')
      .inTable('train_gates')
      .onDelete('CASCADE');
    table.string('waived_by', 255).notNullable();
    table.text('reason').notNullable();
    table.datetime('until', time).notNullable();
    table.datetime('waived_at', time).notNullable();
    table.index(['gate_id'], 'gate_waivers_gate_idx');
  });

  await knex.schema.createTable('train_decisions', table => {
    // No foreign key: the log is append-only and must outlive whatever it talks about.
    table.comment('Append-only log of every state change of a train');
    table.increments('id');
    table.string('train_id', 36).notNullable();
    table.string('entity_ref', 255).nullable();
    table.string('actor_ref', 255).notNullable();
    table.string('action', 64).notNullable();
    table.string('subject', 255).notNullable();
    table.text('before', 'longtext').nullable();
    table.text('after', 'longtext').nullable();
    table.text('reason').nullable();
    table.datetime('created_at', time).notNullable();
    table.index(['train_id', 'id'], 'train_decisions_train_idx');
  });

  await knex.schema.createTable('train_stage_snapshots', table => {
    table.comment('The dependency graph between participants at each stage transition');
    table.increments('id');
    table
      .string('train_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_trains')
      .onDelete('CASCADE');
    table.string('stage', 100).notNullable().comment('The stage that was left');
    table.string('to_stage', 100).nullable().comment('The stage entered; none when released');
    table.integer('dependency_snapshot_version').notNullable();
    table.text('upstream_edges', 'longtext').notNullable().comment('JSON: participant → upstream');
    table.datetime('taken_at', time).notNullable();
    table.index(['train_id'], 'train_stage_snapshots_train_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('train_stage_snapshots');
  await knex.schema.dropTable('train_decisions');
  await knex.schema.dropTable('gate_waivers');
  await knex.schema.dropTable('check_results');
  await knex.schema.dropTable('gate_approvals');
  await knex.schema.dropTable('train_gates');
  await knex.schema.dropTable('train_participants');
  await knex.schema.alterTable('release_trains', table => {
    table.dropColumn('stage_plan');
    table.dropColumn('version');
  });
};
