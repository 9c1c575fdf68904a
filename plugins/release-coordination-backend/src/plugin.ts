import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  GateRule,
  releaseCoordinationGateRulesExtensionPoint,
} from '@release-coordination/plugin-release-coordination-node';
import { DatabaseTrainStore } from './database/DatabaseTrainStore';
import { createRouter } from './service/router';
import { GateRuleRegistry } from './service/GateRuleRegistry';

/**
 * The release-coordination backend plugin, mounted at `/api/release-coordination`.
 *
 * @public
 */
export const releaseCoordinationPlugin = createBackendPlugin({
  pluginId: 'release-coordination',
  register(env) {
    const gateRules = new GateRuleRegistry();
    env.registerExtensionPoint(releaseCoordinationGateRulesExtensionPoint, {
      addGateRule(...rules: GateRule[]) {
        gateRules.add(...rules);
      },
    });

    env.registerInit({
      deps: {
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ logger, database, httpRouter, httpAuth }) {
        const trainStore = await DatabaseTrainStore.create({ database });
        httpRouter.use(await createRouter({ httpAuth, trainStore }));
        logger.info(
          `Release coordination started with ${gateRules.size} custom gate rule(s)`,
        );
      },
    });
  },
});
