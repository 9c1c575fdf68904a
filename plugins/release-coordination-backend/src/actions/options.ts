import { PermissionsService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { VisibilityResolver } from '../access';
import { DependencyQueryService } from '../dependencies/DependencyQueryService';
import { GateConditions } from '../permissions/gateResource';
import { ScorecardService } from '../scorecards/ScorecardService';
import { TrainService } from '../trains/TrainService';

/**
 * What the actions are built from: the very services, permission checks and catalog visibility
 * the REST routes use, so that an action answers and refuses as its route does.
 */
export interface ActionOptions {
  registry: ActionsRegistryService;
  permissions: Pick<PermissionsService, 'authorize' | 'authorizeConditional'>;
  trains: TrainService;
  /** What each caller may see of the catalog: answers leave out the rest. */
  visibility: VisibilityResolver;
  /** Gates and the rules on them, to apply a policy's conditional answer on a gate. */
  gateConditions?: GateConditions;
  queries: DependencyQueryService;
  scorecards: ScorecardService;
}
