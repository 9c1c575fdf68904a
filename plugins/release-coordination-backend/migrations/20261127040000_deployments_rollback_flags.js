// @ts-check

/**
 * Deployment outcomes reported by CI, rollback plans and rehearsals, and the feature flags
 * participants ship behind.
 *
 * `deployments` holds the raw facts scorecards are computed from; its columns are named for
 * readers that query it directly. Drills belong to an entity rather than a train, so they have
 * no foreign key to a train: a rehearsal outlives the train it was made for.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const time = { useTz: true, precision: 3 };

  await knex.schema.createTable('deployments', table => {
    table.comment('Rollouts of train participants to environments, as CI reported them');
    table.increments('id');
    table
      .string('train_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_trains')
      .onDelete('CASCADE');
    table.string('participant_ref', 255).notNullable();
    table.string('owner_ref', 255).nullable().comment('The participant owner when first reported');
    table.string('environment', 64).notNullable().comment('Lower case, e.g. production');
    table.string('deployment_id', 200).notNullable().comment('The CI id; reports upsert by it');
    table.string('version', 100).nullable();
    table.datetime('started_at', time).notNullable();
    table.datetime('finished_at', time).nullable().comment('Null while the rollout runs');
    table.string('result', 16).nullable().comment('succeeded, failed or rolled-back');
    table.datetime('rollback_started_at', time).nullable();
    table.datetime('rollback_finished_at', time).nullable();
    table.boolean('hotfix').notNullable().defaultTo(false);
    table.text('evidence_url').nullable();
    table.string('reporter', 255).notNullable().comment('Who reported it first');
    table.datetime('reported_at', time).notNullable();
    table.datetime('updated_at', time).notNullable();
    table.unique(['train_id', 'deployment_id'], { indexName: 'deployments_train_deployment_uq' });
    table.index(['environment', 'started_at'], 'deployments_environment_started_idx');
    table.index(['started_at'], 'deployments_started_at_idx');
    table.index(['participant_ref'], 'deployments_participant_idx');
  });

  await knex.schema.createTable('rollback_plans', table => {
    table.comment('How each participant of a train is rolled back');
    table
      .string('train_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_trains')
      .onDelete('CASCADE');
    table.string('participant_ref', 255).notNullable();
    table.text('criteria').notNullable().comment('When to roll back');
    table.text('procedure_url').notNullable().comment('How to roll back');
    table.string('updated_by', 255).notNullable();
    table.datetime('updated_at', time).notNullable();
    table.primary(['train_id', 'participant_ref']);
  });

  await knex.schema.createTable('rollback_drills', table => {
    table.comment('Rehearsals of rolling back an entity; they outlive trains');
    table.increments('id');
    table.string('entity_ref', 255).notNullable();
    table.string('result', 16).notNullable().comment('passed or failed');
    table.datetime('rehearsed_at', time).notNullable();
    table.text('evidence_url').nullable();
    table.string('idempotency_key', 200).notNullable();
    table.string('reporter', 255).notNullable();
    table.datetime('recorded_at', time).notNullable();
    table.unique(['entity_ref', 'idempotency_key'], { indexName: 'rollback_drills_key_uq' });
    table.index(['entity_ref', 'rehearsed_at'], 'rollback_drills_entity_idx');
  });

  await knex.schema.createTable('feature_flags', table => {
    table.comment('Time-bound feature flags that train participants ship behind');
    table.string('id', 36).primary().notNullable();
    table
      .string('train_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_trains')
      .onDelete('CASCADE');
    table.string('participant_ref', 255).notNullable();
    // Not `key`: a reserved word in MySQL.
    table.string('flag_key', 100).notNullable();
    table.string('owner_ref', 255).notNullable();
    table.text('purpose').notNullable();
    table.string('state', 16).notNullable().comment('on, off or removed');
    table.datetime('created_at', time).notNullable();
    table.string('created_by', 255).notNullable();
    table.datetime('expires_at', time).notNullable();
    table.datetime('updated_at', time).notNullable();
    // Reminders are claimed by setting these, so that reruns and replicas never repeat one.
    table.datetime('expiring_reminded_at', time).nullable();
    table.datetime('expired_reminded_at', time).nullable();
    table.unique(['train_id', 'participant_ref', 'flag_key'], {
      indexName: 'feature_flags_train_key_uq',
    });
    table.index(['state', 'expires_at'], 'feature_flags_expiry_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('feature_flags');
  await knex.schema.dropTable('rollback_drills');
  await knex.schema.dropTable('rollback_plans');
  await knex.schema.dropTable('deployments');
};
