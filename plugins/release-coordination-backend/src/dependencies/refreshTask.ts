import { SchedulerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';

/**
 * The scheduled task that derives the dependency graph. Global scope: one replica runs it at a
 * time, and a manual refresh only triggers it, so that replicas never derive in parallel.
 */
export const DEPENDENCY_REFRESH_TASK_ID = 'release-coordination-dependency-refresh';

/** What became of a refresh that was asked for. */
export type DependencyRefreshState = 'triggered' | 'running';

/**
 * Asks the scheduler to run the refresh task now, on whichever replica claims it first. A run
 * already under way is not interrupted or doubled: the answer is then `running`.
 */
export async function triggerDependencyRefresh(
  scheduler: Pick<SchedulerService, 'triggerTask'>,
): Promise<DependencyRefreshState> {
  try {
    await scheduler.triggerTask(DEPENDENCY_REFRESH_TASK_ID);
    return 'triggered';
  } catch (error) {
    if (isError(error) && error.name === 'ConflictError') return 'running';
    throw error;
  }
}
