// The plugin's actions in Backstage's actions registry, for assistants (through an MCP server)
// and automation. Each one is a thin door onto a REST route: the same permission check, the
// same catalog visibility and the same service, with the caller's credentials.

import { registerDependencyActions } from './dependencyActions';
import { registerGateActions } from './gateActions';
import { ActionOptions } from './options';
import { registerScorecardActions } from './scorecardActions';
import { registerTrainActions } from './trainActions';

export type { ActionOptions } from './options';

/** Registers every action of the plugin. */
export function registerReleaseCoordinationActions(
  options: ActionOptions,
): void {
  registerTrainActions(options);
  registerGateActions(options);
  registerDependencyActions(options);
  registerScorecardActions(options);
}
