import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CreateFeatureFlagRequest,
  FeatureFlag,
  TrainFeatureFlags,
  UpdateFeatureFlagRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { requireTrain } from './access';
import { PageRequest } from '../database/paging';
import { createFlagChanges } from './flagChanges';
import { createFlagCore, DAY_MS, FeatureFlagServiceOptions } from './flagCore';

export type { FeatureFlagServiceOptions } from './flagCore';

/** The feature flags train participants ship behind. */
export interface FeatureFlagService {
  /**
   * A page of the train's flags, expired ones first, with counts over all of them; 404 for an
   * unknown train.
   */
  listFlags(trainId: string, page: PageRequest): Promise<TrainFeatureFlags>;
  createFlag(
    trainId: string,
    input: CreateFeatureFlagRequest,
    credentials: BackstageCredentials,
  ): Promise<FeatureFlag>;
  updateFlag(
    flagId: string,
    input: UpdateFeatureFlagRequest,
    credentials: BackstageCredentials,
  ): Promise<FeatureFlag>;
}

/** Creates the {@link FeatureFlagService} from its parts, which share one core. */
export function createFeatureFlagService(options: FeatureFlagServiceOptions): FeatureFlagService {
  const core = createFlagCore(options);
  const { store, trains, remindBeforeDays, now } = core;
  return {
    async listFlags(trainId, page) {
      await requireTrain(trains, trainId);
      const at = now();
      const expiringBy = new Date(at.getTime() + remindBeforeDays * DAY_MS);
      const [flags, counts] = await Promise.all([
        store.queryTrainFlags(trainId, page),
        store.countTrainFlags(trainId, { now: at, expiringBy }),
      ]);
      return { ...flags, expiringWithinDays: remindBeforeDays, counts };
    },
    ...createFlagChanges(core),
  };
}
