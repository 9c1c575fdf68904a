// @ts-check

/**
 * Retrospectives of release trains: the notes of the board and the action items, which carry
 * over to later trains until they are closed. Scorecards read `action_items` directly, so its
 * columns say plainly what happened and when.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  const time = { useTz: true, precision: 3 };

  await knex.schema.createTable('retrospective_notes', table => {
    table.comment('Notes of a train retrospective: what went well, what to improve');
    table.string('id', 36).primary().notNullable();
    table
      .string('train_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_trains')
      .onDelete('CASCADE');
    table.string('board_column', 16).notNullable().comment('went-well or to-improve');
    table.text('text').notNullable();
    table.string('author_ref', 255).notNullable().comment('Who wrote the note down');
    table.datetime('created_at', time).notNullable();
    table.index(['train_id'], 'retrospective_notes_train_idx');
  });

  await knex.schema.createTable('action_items', table => {
    table.comment('Action items of retrospectives; open ones carry over to later trains');
    table.string('id', 36).primary().notNullable();
    table
      .string('train_id', 36)
      .notNullable()
      .references('id')
      .inTable('release_trains')
      .onDelete('CASCADE')
      .comment('The train whose retrospective created the item');
    table.string('title', 500).notNullable();
    table.string('owner_ref', 255).notNullable().comment('Group, User or Component ref');
    table.string('status', 16).notNullable().defaultTo('open').comment('open, done or dropped');
    table.datetime('due_at', time).nullable();
    table.datetime('created_at', time).notNullable();
    table.datetime('updated_at', time).notNullable();
    table.datetime('closed_at', time).nullable().comment('Set when done or dropped');
    table
      .datetime('reminded_at', time)
      .nullable()
      .comment('When the owner was told the item is overdue; cleared when the due date moves');
    table.integer('version').notNullable().defaultTo(0).comment('Writers compare-and-set it');
    table.index(['train_id'], 'action_items_train_idx');
    table.index(['owner_ref', 'status'], 'action_items_owner_status_idx');
    table.index(['status', 'due_at'], 'action_items_status_due_idx');
    table.index(['created_at'], 'action_items_created_at_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('action_items');
  await knex.schema.dropTable('retrospective_notes');
};
