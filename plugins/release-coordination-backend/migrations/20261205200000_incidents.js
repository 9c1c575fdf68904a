// @ts-check

/**
 * Incidents as incident tools and pipelines report them, with the deployment a person
 * confirmed as their cause.
 *
 * - A report upserts by `(source, external_id)`: a tool reports an incident when it opens and
 *   again when it is resolved.
 * - `owner_ref` is the affected entity's owner when the incident started; a team's incident
 *   figures count what it owned then.
 * - Lists read an entity's incidents newest first, and a train's by the deployment confirmed
 *   as the cause or, until a person decides, suggested as the likeliest one; scorecards read by
 *   start or by the attributed deployment; each has its index.
 * - Attribution reads production deployments of the affected entity and of what it depends on
 *   that finished in a window before the start: indexed by environment, participant and finish.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const time = { useTz: true, precision: 3 };

  await knex.schema.createTable('incidents', table => {
    table.comment('Incidents reported by incident tools and pipelines');
    table.increments('id');
    table
      .string('source', 64)
      .notNullable()
      .comment('The tool that raised it, e.g. pagerduty');
    table
      .string('external_id', 200)
      .notNullable()
      .comment("The tool's id; reports upsert by it");
    table.string('title', 300).notNullable();
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('The affected catalog entity');
    table
      .string('owner_ref', 255)
      .nullable()
      .comment("The affected entity's owner when the incident started");
    table
      .string('severity', 16)
      .notNullable()
      .comment('critical, high, medium or low');
    table.datetime('started_at', time).notNullable();
    table.datetime('resolved_at', time).nullable().comment('Null while open');
    table.integer('users_affected').nullable();
    table.integer('impact_minutes').nullable();
    table.text('url').nullable();
    table
      .string('attribution_state', 16)
      .notNullable()
      .defaultTo('unconfirmed')
      .comment('unconfirmed, confirmed or no-deployment');
    table
      .integer('attributed_deployment_id')
      .unsigned()
      .nullable()
      .references('id')
      .inTable('deployments')
      .onDelete('SET NULL')
      .comment('The deployment a person confirmed as the cause');
    table
      .integer('suggested_deployment_id')
      .unsigned()
      .nullable()
      .references('id')
      .inTable('deployments')
      .onDelete('SET NULL')
      .comment(
        'The likeliest cause when first reported, until a person decides',
      );
    table.string('attributed_by', 255).nullable();
    table.datetime('attributed_at', time).nullable();
    table.text('attribution_comment').nullable();
    table
      .string('reporter', 255)
      .notNullable()
      .comment('Who reported it first');
    table.datetime('reported_at', time).notNullable();
    table.datetime('updated_at', time).notNullable();
    table.unique(['source', 'external_id'], {
      indexName: 'incidents_source_external_uq',
    });
    table.index(
      ['entity_ref', 'started_at', 'id'],
      'incidents_entity_started_idx',
    );
    table.index(['started_at', 'id'], 'incidents_started_idx');
    table.index(
      ['attributed_deployment_id'],
      'incidents_attributed_deployment_idx',
    );
    table.index(
      ['suggested_deployment_id'],
      'incidents_suggested_deployment_idx',
    );
    // Scorecards reuse a computed card until something changed: the newest change is read here.
    table.index(['updated_at'], 'incidents_updated_idx');
  });

  await knex.schema.alterTable('deployments', table => {
    table.index(
      ['environment', 'participant_ref', 'finished_at'],
      'deployments_environment_participant_finished_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('deployments', table => {
    table.dropIndex(
      ['environment', 'participant_ref', 'finished_at'],
      'deployments_environment_participant_finished_idx',
    );
  });
  await knex.schema.dropTable('incidents');
};
