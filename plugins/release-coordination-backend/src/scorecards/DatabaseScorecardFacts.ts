import { Clock, systemClock } from '@release-coordination/plugin-release-coordination-node';
import { ScorecardPeriod } from '@release-coordination/plugin-release-coordination-common';
import {
  ActionItemFact,
  DeploymentFact,
  GateDecisionFact,
  IncidentFact,
  IndicatorFact,
  TrainFact,
} from './engine';
import { Knex } from 'knex';
import { ScorecardFactSource } from './ScorecardFactSource';
import { listActionItemFacts } from './facts/actionItems';
import { readChangeMark } from './facts/changeMark';
import { listDeploymentFacts } from './facts/deployments';
import { listGateDecisionFacts } from './facts/gateDecisions';
import { listIncidentFacts } from './facts/incidents';
import { listIndicatorFacts } from './facts/indicators';
import { listTrainFacts } from './facts/trains';

/**
 * Reads scorecard facts from the plugin's tables, read-only: trains, their stage intervals
 * and gate decisions from the decision log, deployments as CI reported them, and action items
 * of retrospectives. Each kind of fact is read by its own module in `./facts`.
 */
export class DatabaseScorecardFacts implements ScorecardFactSource {
  constructor(
    private readonly db: Knex,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * Changes whenever a fact changes: every change of a train, gate, deployment or action item
   * is an entry of the append-only decision log, and incidents and indicator reports add their
   * newest change.
   */
  async changeMark(): Promise<string> {
    return readChangeMark(this.db);
  }

  async listDeployments(period: ScorecardPeriod): Promise<DeploymentFact[]> {
    return listDeploymentFacts(this.db, period);
  }

  async listTrains(
    period: ScorecardPeriod,
    options?: { trainIds?: string[] },
  ): Promise<TrainFact[]> {
    return listTrainFacts(this.db, period, options);
  }

  async listGateDecisions(period: ScorecardPeriod): Promise<GateDecisionFact[]> {
    return listGateDecisionFacts(this.db, this.clock, period);
  }

  async listIncidents(period: ScorecardPeriod): Promise<IncidentFact[]> {
    return listIncidentFacts(this.db, period);
  }

  async listIndicators(period: ScorecardPeriod): Promise<IndicatorFact[]> {
    return listIndicatorFacts(this.db, period);
  }

  async listActionItems(period: ScorecardPeriod): Promise<ActionItemFact[]> {
    return listActionItemFacts(this.db, period);
  }
}
