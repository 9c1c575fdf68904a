import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { releaseCoordinationHistoryExtensionPoint } from '@release-coordination/plugin-release-coordination-node';
import { DEMO_HISTORY } from './history';
import { demoHistoryReplay } from './replayHistory';
import { demoModeRefusal } from '../demoMode';

/** The config flag that lets the demo backend seed its history. */
export const DEMO_HISTORY_CONFIG_KEY = 'releaseCoordinationDemo.history.seed';

/**
 * Seeds the demo portal's database with past release trains, so that scorecards show trends
 * on the first visit. A module of the demo backend, never part of the plugin: it registers its
 * history only when `releaseCoordinationDemo.history.seed` is true, in development mode only
 * (see `demoModeRefusal`), and with the default stages.
 *
 * The history is told through the plugin's history extension point: the plugin replays it
 * through its own services, at the times the story gives, once the catalog knows the demo
 * organisation, and only into a database without trains.
 */
export default createBackendModule({
  pluginId: 'release-coordination',
  moduleId: 'demo-history',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        history: releaseCoordinationHistoryExtensionPoint,
      },
      async init({ config, logger, history }) {
        if (config.getOptionalBoolean(DEMO_HISTORY_CONFIG_KEY) !== true) {
          logger.info(`Demo history not seeded: ${DEMO_HISTORY_CONFIG_KEY} is not true`);
          return;
        }
        // app-config.production.yaml is layered over app-config.yaml, which switches seeding
        // on for the demo: a production database must never get made-up history.
        const refusal = demoModeRefusal(config);
        if (refusal) {
          logger.warn(`Demo history not seeded: ${refusal}`);
          return;
        }
        // The history's trains went through the default stages; with others configured its
        // gates would not match what the plugin shows and evaluates.
        if (config.has('releaseCoordination.stages')) {
          logger.info(
            'Demo history not seeded: it follows the default stages, and ' +
              'releaseCoordination.stages configures others',
          );
          return;
        }
        logger.warn('DEMO HISTORY IS ON: made-up release trains go into an empty database');
        history.addHistoryReplay(demoHistoryReplay(DEMO_HISTORY));
      },
    });
  },
});
