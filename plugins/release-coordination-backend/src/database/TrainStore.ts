import { Page, ReleaseTrainStatus, ReleaseTrainSummary } from '@release-coordination/plugin-release-coordination-common';

/** Filters and paging of a train listing, already validated. */
export interface TrainListOptions {
  status?: ReleaseTrainStatus;
  limit: number;
  offset: number;
}

/** Persistence of release trains. */
export interface TrainStore {
  listTrains(options: TrainListOptions): Promise<Page<ReleaseTrainSummary>>;
}
