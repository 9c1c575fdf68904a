import {
  CheckResult,
  GateApproval,
  GateWaiver,
  TrainGate,
} from '@release-coordination/plugin-release-coordination-common';
import { Knex } from 'knex';
import { toIsoString } from '../database/columns';
import { inSlices } from '../database/knexStore';
import {
  CheckRow,
  GateRow,
  toApproval,
  toCheck,
  toGateRecord,
} from './trainRows';

/**
 * Gate rows with what decides them: the approvals, the latest check result per participant
 * and check (only the newest report is read, not the history), and the latest waiver. One
 * query per kind of decision (per 500 gates), whatever the number of gates.
 */
export async function gatesWithDecisions(
  db: Knex | Knex.Transaction,
  gateRows: GateRow[],
): Promise<TrainGate[]> {
  if (gateRows.length === 0) return [];
  const gateIds = gateRows.map(row => row.id);
  // One after the other: inside a transaction they share one connection, which the pg
  // driver does not want to be given queries in parallel.
  const approvalRows = await inSlices(gateIds, slice =>
    db('gate_approvals').whereIn('gate_id', slice).orderBy('id'),
  );
  const checkRows = await readLatestChecks(db, gateRows);
  const waiverRows = await inSlices(gateIds, slice =>
    db('gate_waivers').whereIn('gate_id', slice).orderBy('id', 'desc'),
  );
  const approvals = new Map<string, GateApproval[]>();
  for (const row of [...approvalRows].sort((a, b) => a.id - b.id)) {
    const list = approvals.get(row.gate_id) ?? [];
    list.push(toApproval(row));
    approvals.set(row.gate_id, list);
  }
  const latestChecks = new Map<string, CheckResult>();
  for (const row of checkRows) {
    latestChecks.set(`${row.train_id}\n${row.participant_ref}\n${row.check_name}`, toCheck(row));
  }
  // Rows come newest first: the first one per gate is the one that counts.
  const waivers = new Map<string, GateWaiver>();
  for (const row of [...waiverRows].sort((a, b) => b.id - a.id)) {
    if (!waivers.has(row.gate_id)) {
      waivers.set(row.gate_id, {
        waivedBy: row.waived_by,
        reason: row.reason,
        until: toIsoString(row.until),
        waivedAt: toIsoString(row.waived_at),
      });
    }
  }
  // Stable order for people and tests: by stage position is the service's job; here by
  // participant, then template.
  return gateRows
    .map(row => {
      const record = toGateRecord(row);
      const { config } = record;
      const latestCheck = config.checkName
        ? latestChecks.get(
            `${record.trainId}\n${record.participantRef ?? ''}\n${config.checkName}`,
          )
        : undefined;
      const waiver = waivers.get(record.id);
      const gate: TrainGate = {
        id: record.id,
        trainId: record.trainId,
        stage: record.stage,
        phase: record.phase,
        templateId: record.templateId,
        title: config.title,
        kind: record.kind,
        ...(record.participantRef ? { participantRef: record.participantRef } : {}),
        state: record.state,
        ...(config.approverRef ? { approverRef: config.approverRef } : {}),
        quorum: config.quorum,
        separationOfDuties: config.separationOfDuties,
        ...(config.checkName ? { checkName: config.checkName } : {}),
        ...(config.rule ? { rule: config.rule } : {}),
        ...(record.reason ? { reason: record.reason } : {}),
        approvals: approvals.get(record.id) ?? [],
        ...(latestCheck ? { latestCheck } : {}),
        ...(waiver ? { waiver } : {}),
        updatedAt: record.updatedAt,
      };
      return gate;
    })
    .sort(
      (a, b) =>
        a.trainId.localeCompare(b.trainId) ||
        (a.participantRef ?? '').localeCompare(b.participantRef ?? '') ||
        a.templateId.localeCompare(b.templateId),
    );
}

/**
 * The newest check result of each participant and check that the check gates among `gateRows`
 * wait for: the highest id per group, through `check_results_latest_idx`.
 */
async function readLatestChecks(
  db: Knex | Knex.Transaction,
  gateRows: GateRow[],
): Promise<CheckRow[]> {
  const checkGates = gateRows.filter(row => row.kind === 'check' && row.participant_ref);
  if (checkGates.length === 0) return [];
  const trainIds = [...new Set(checkGates.map(row => row.train_id))];
  const refs = [...new Set(checkGates.map(row => row.participant_ref as string))];
  return inSlices(trainIds, slice =>
    db<CheckRow>('check_results').whereIn(
      'id',
      db('check_results')
        .max('id')
        .whereIn('train_id', slice)
        .whereIn('participant_ref', refs)
        .groupBy('train_id', 'participant_ref', 'check_name'),
    ),
  );
}
