// @ts-check

/**
 * The release calendar asks which trains plan something in a period. The planned span of a
 * train (the earliest window start and the latest window end of its stage plan) in two
 * indexed columns answers that without reading every train's plan; a train without any
 * window has neither and is not on the calendar.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const time = { useTz: true, precision: 3 };
  await knex.schema.alterTable('release_trains', table => {
    table
      .datetime('planned_start', time)
      .nullable()
      .comment('Earliest start of a stage window in stage_plan');
    table
      .datetime('planned_end', time)
      .nullable()
      .comment('Latest end of a stage window in stage_plan');
    table.index(['planned_end', 'planned_start'], 'release_trains_planned_idx');
  });
  const batchSize = 500;
  for (let lastId = ''; ;) {
    const rows = await knex('release_trains')
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batchSize)
      .select('id', 'stage_plan');
    if (rows.length === 0) break;
    for (const row of rows) {
      /** @type {{ window?: { start: string, end: string } }[]} */
      const plan = row.stage_plan ? JSON.parse(row.stage_plan) : [];
      // A window that does not parse is left out, never stored as an invalid date.
      const windows = plan
        .flatMap(stage => (stage.window ? [stage.window] : []))
        .map(w => ({ start: Date.parse(w.start), end: Date.parse(w.end) }))
        .filter(w => Number.isFinite(w.start) && Number.isFinite(w.end));
      if (windows.length === 0) continue;
      const starts = windows.map(w => w.start);
      const ends = windows.map(w => w.end);
      await knex('release_trains')
        .where('id', row.id)
        .update({
          planned_start: new Date(Math.min(...starts)),
          planned_end: new Date(Math.max(...ends)),
        });
    }
    lastId = rows[rows.length - 1].id;
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('release_trains', table => {
    table.dropIndex(
      ['planned_end', 'planned_start'],
      'release_trains_planned_idx',
    );
    table.dropColumn('planned_start');
    table.dropColumn('planned_end');
  });
};
