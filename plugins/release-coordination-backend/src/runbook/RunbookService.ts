import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TrainRunbook } from '@release-coordination/plugin-release-coordination-common';
import { CallerVisibility, hiddenCounts } from '../access/visibility';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { requireTrain, TrainLookup } from '../outcomes/access';
import { OutcomeStore } from '../outcomes/OutcomeStore';
import { RunbookSettings } from './config';
import { escalationOf } from './escalation';
import { rollbackStepsOf } from './rollbackSteps';

/** A train's runbook, assembled from the train, its rollback plans and the catalog. */
export interface RunbookService {
  /** 404 for an unknown train. What the caller may not see in the catalog is left out. */
  runbook(
    trainId: string,
    caller: { credentials: BackstageCredentials; visibility: CallerVisibility },
  ): Promise<TrainRunbook>;
}

export function createRunbookService(options: {
  trains: TrainLookup;
  outcomes: Pick<OutcomeStore, 'listRollbackPlans'>;
  snapshots: Pick<DependencySnapshotService, 'current'>;
  catalog: CatalogService;
  settings: RunbookSettings;
}): RunbookService {
  const { trains, outcomes, snapshots, catalog, settings } = options;

  return {
    async runbook(trainId, caller) {
      const { train, participants } = await requireTrain(trains, trainId);
      const [{ index }, plans] = await Promise.all([
        snapshots.current(),
        outcomes.listRollbackPlans(trainId),
      ]);
      const visibility = await caller.visibility.of(
        participants.map(p => p.entityRef),
      );
      const seen = participants.filter(p => visibility.isVisible(p.entityRef));
      const rollbackSteps = rollbackStepsOf(index, seen, plans);
      const escalation = await escalationOf(
        { index, catalog, settings },
        rollbackSteps,
        caller.credentials,
      );
      return {
        trainId: train.id,
        rollbackSteps,
        escalation,
        decisionTree: settings.decisionTree,
        ...hiddenCounts({ participants: participants.length - seen.length }),
      };
    },
  };
}
