import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { seedDemoHistory } from './seedDemoHistory';
import { demoModeRefusal } from '../demoMode';

/** The config flag that lets the demo backend seed its history. */
export const DEMO_HISTORY_CONFIG_KEY = 'releaseCoordinationDemo.history.seed';

/**
 * Seeds the demo portal's database with past release trains, so that scorecards show trends
 * on the first visit. A module of the demo backend, never part of the plugin: it writes only
 * when `releaseCoordinationDemo.history.seed` is true, in development mode only (see
 * `demoModeRefusal`), and when the database holds no train yet.
 *
 * It shares the plugin's database (modules get their plugin's) and writes in a startup hook,
 * when the plugin's migrations have run.
 */
export default createBackendModule({
  pluginId: 'release-coordination',
  moduleId: 'demo-history',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
      },
      async init({ config, database, lifecycle, logger }) {
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
        lifecycle.addStartupHook(async () => {
          const outcome = await seedDemoHistory({ knex: await database.getClient(), now: new Date() });
          if (outcome.seeded) {
            logger.info(
              `Seeded the demo history: ${outcome.rows.release_trains} past release trains, ` +
                `${outcome.rows.train_decisions} decisions, ${outcome.rows.deployments} deployments`,
            );
          } else if (outcome.reason === 'no-tables') {
            logger.warn(
              'Demo history not seeded: the release coordination tables are missing ' +
                '(are its migrations skipped?)',
            );
          } else if (outcome.reason === 'lost-race') {
            logger.info('Demo history not seeded here: another backend replica seeded it just now');
          } else {
            logger.info(
              `Demo history not seeded: the database holds ${outcome.trains} release train(s) already`,
            );
          }
        });
      },
    });
  },
});
