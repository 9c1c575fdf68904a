import { ScorecardPeriod } from '@release-coordination/plugin-release-coordination-common';
import {
  ActionItemFact,
  DeploymentFact,
  GateDecisionFact,
  IncidentFact,
  IndicatorFact,
  TrainFact,
} from './engine';

/**
 * Where scorecards get their raw facts. Each list may hold more than the period strictly
 * needs; the metric engine picks facts by each metric's time anchor. It must not hold less.
 */
export interface ScorecardFactSource {
  /**
   * Deployments of every environment that finished in the period, or started in it and have
   * not finished.
   */
  listDeployments(period: ScorecardPeriod): Promise<DeploymentFact[]>;
  /**
   * Trains with stage intervals and participants: those created before the period ends that
   * are still active or changed since it started, plus the trains named in `trainIds`
   * whenever they ran.
   */
  listTrains(period: ScorecardPeriod, options?: { trainIds?: string[] }): Promise<TrainFact[]>;
  /**
   * Gates as they stood at the end of the period: every gate with a decision in the period,
   * at its latest decision before the end; and, when the period reaches the present, the
   * approval gates waiting now.
   */
  listGateDecisions(period: ScorecardPeriod): Promise<GateDecisionFact[]>;
  /**
   * Action items due in the period, and items open at some time in it (with or without a due
   * date).
   */
  listActionItems(period: ScorecardPeriod): Promise<ActionItemFact[]>;
  /**
   * Incidents that started in the period, and incidents confirmed as caused by a deployment
   * that finished in it, whenever they started.
   */
  listIncidents(period: ScorecardPeriod): Promise<IncidentFact[]>;
  /** Leading indicators CI measured in the period. */
  listIndicators(period: ScorecardPeriod): Promise<IndicatorFact[]>;
}
