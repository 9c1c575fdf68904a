import { createConditionAuthorizer, PermissionRuleset } from '@backstage/plugin-permission-node';
import { TrainStoreSession } from '../trains/TrainStore';
import {
  TrainConditions,
  TrainQuery,
  TrainResource,
  createTrainResourceLoader,
} from './trainResource';
import { trainPermissionRules } from './trainRules';

/** The built-in rules on trains, as the permissions registry hands them out by name. */
export const builtInTrainRuleset: PermissionRuleset<TrainResource, TrainQuery> = {
  getRuleByName(name) {
    const rule = Object.values(trainPermissionRules).find(candidate => candidate.name === name);
    if (!rule) throw new Error(`Unexpected permission rule '${name}' for release trains`);
    return rule as ReturnType<PermissionRuleset<TrainResource, TrainQuery>['getRuleByName']>;
  },
};

/**
 * Trains from `store` and the rules to apply a conditional decision on them: those of the
 * permissions registry in the plugin (built-in ones and any a module added), the built-in
 * ones where no registry is at hand, as in a service's tests.
 */
export function createTrainConditions(
  store: Pick<TrainStoreSession, 'getTrain' | 'listParticipants'>,
  ruleset: PermissionRuleset<TrainResource, TrainQuery> = builtInTrainRuleset,
): TrainConditions {
  return {
    getResources: createTrainResourceLoader(store),
    isAllowed: createConditionAuthorizer(ruleset),
  };
}
