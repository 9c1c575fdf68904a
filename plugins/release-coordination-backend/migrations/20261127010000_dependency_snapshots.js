// @ts-check

/**
 * Snapshots of the dependency graph derived from the catalog. The newest one answers queries;
 * a few older ones are kept so that a refresh never leaves readers without a graph.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('dependency_snapshots', table => {
    table.comment('Dependency graphs derived from catalog relations');
    table.increments('version').comment('Increases with every refresh');
    table.timestamp('derived_at', { useTz: true }).notNullable();
    table.integer('duration_ms').notNullable();
    table.integer('node_count').notNullable();
    table.integer('edge_count').notNullable();
    table.integer('problem_count').notNullable();
    // The whole graph as JSON; longtext so that MySQL does not cut it at 64 KB.
    table.text('graph', 'longtext').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('dependency_snapshots');
};
