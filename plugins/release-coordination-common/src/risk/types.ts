/**
 * What a train's risk score is made of:
 * - `blast-radius`: teams whose entities depend, directly or transitively, on a participant;
 * - `cross-team-edges`: dependency edges between participants of different teams;
 * - `cycles`: participants in a dependency cycle;
 * - `dependency-drift`: dependency edges among the participants that appeared since planning;
 * - `change-failure-rate`: the share of the participants' production deployments of the last
 *   90 days that failed or were rolled back;
 * - `open-action-items`: open action items of earlier trains that concern the participants;
 * - `failing-checks`: check gates of the train whose latest result failed;
 * - `collisions`: the train's collisions with other trains and freezes;
 * - `freeze-proximity`: how close the deployment window comes to a freeze covering a participant.
 *
 * @public
 */
export type RiskFactorId =
  | 'blast-radius'
  | 'cross-team-edges'
  | 'cycles'
  | 'dependency-drift'
  | 'change-failure-rate'
  | 'open-action-items'
  | 'failing-checks'
  | 'collisions'
  | 'freeze-proximity';

/**
 * Every {@link RiskFactorId}, in the order a risk score lists them.
 *
 * @public
 */
export const RISK_FACTOR_IDS: readonly RiskFactorId[] = [
  'blast-radius',
  'cross-team-edges',
  'cycles',
  'dependency-drift',
  'change-failure-rate',
  'open-action-items',
  'failing-checks',
  'collisions',
  'freeze-proximity',
];

/**
 * One factor of a risk score, with everything that explains its share: what was measured
 * (`value`), the value at which the factor counts in full (`fullAt`), the resulting share of
 * its weight (`normalized`, 0 to 1), its `weight` and the points it adds to the score
 * (`contribution`), and the measure in words (`detail`).
 *
 * @public
 */
export interface RiskFactor {
  id: RiskFactorId;
  value: number;
  fullAt: number;
  normalized: number;
  weight: number;
  contribution: number;
  detail: string;
}

/**
 * How risky a train is now, from 0 to 100: the weighted share of its factors. `low` below 30,
 * `medium` below 60, `high` from 60.
 *
 * @public
 */
export interface TrainRiskScore {
  trainId: string;
  score: number;
  level: 'low' | 'medium' | 'high';
  factors: RiskFactor[];
  computedAt: string;
}
