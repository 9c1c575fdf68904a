// @ts-check

/**
 * "My approvals" lists only what blocks a train now: the gates of its current stage and the
 * entry gates of the next one. With the next stage in a column, that filter, the order and the
 * page are one SQL query; before, every candidate gate of the caller's Groups was read with
 * its train and sorted in the backend, which grew with the number of active trains.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('release_trains', table => {
    table
      .string('next_stage', 255)
      .nullable()
      .comment('The stage after current_stage in stage_plan; null in the last stage');
  });
  // Only active trains are asked about, but every train gets it so the column never lies.
  const batchSize = 500;
  for (let lastId = ''; ; ) {
    const rows = await knex('release_trains')
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batchSize)
      .select('id', 'current_stage', 'stage_plan');
    if (rows.length === 0) break;
    for (const row of rows) {
      /** @type {{ name: string }[]} */
      const plan = row.stage_plan ? JSON.parse(row.stage_plan) : [];
      const index = plan.findIndex(stage => stage.name === row.current_stage);
      const next = index >= 0 ? plan[index + 1]?.name : undefined;
      if (next) await knex('release_trains').where('id', row.id).update({ next_stage: next });
    }
    lastId = rows[rows.length - 1].id;
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('release_trains', table => {
    table.dropColumn('next_stage');
  });
};
