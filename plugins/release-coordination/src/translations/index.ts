import { createTranslationRef } from '@backstage/frontend-plugin-api';
import { approvalsMessages } from './approvals';
import { cadencesMessages } from './cadences';
import { calendarMessages } from './calendar';
import { compatibilityMessages } from './compatibility';
import { dependenciesMessages } from './dependencies';
import { dictionaryMessages } from './dictionary';
import { entityTrainsMessages } from './entityTrains';
import { gatesMessages } from './gates';
import { incidentsMessages } from './incidents';
import { outcomesMessages } from './outcomes';
import { ownershipMessages } from './ownership';
import { pagesMessages } from './pages';
import { retrospectivesMessages } from './retrospectives';
import { riskMessages } from './risk';
import { standupMessages } from './standup';
import { runbookMessages } from './runbook';
import { reviewMessages } from './review';
import { scorecardsMessages } from './scorecards';
import { sharedMessages } from './shared';
import { trainPageMessages } from './trainPage';
import { trainsMessages } from './trains';

/** The plugin's messages in English, by area: the defaults of {@link releaseCoordinationTranslationRef}. */
export const releaseCoordinationMessages = {
  pages: pagesMessages,
  trains: trainsMessages,
  trainPage: trainPageMessages,
  gates: gatesMessages,
  outcomes: outcomesMessages,
  compatibility: compatibilityMessages,
  incidents: incidentsMessages,
  approvals: approvalsMessages,
  calendar: calendarMessages,
  cadences: cadencesMessages,
  risk: riskMessages,
  standup: standupMessages,
  runbook: runbookMessages,
  review: reviewMessages,
  entityTrains: entityTrainsMessages,
  dependencies: dependenciesMessages,
  ownership: ownershipMessages,
  scorecards: scorecardsMessages,
  retrospectives: retrospectivesMessages,
  dictionary: dictionaryMessages,
  shared: sharedMessages,
};

/**
 * Every user-visible string of the plugin, in English, grouped by area (`trains.title`,
 * `gates.approve`, …). An app translates or rewords them with `createTranslationMessages` or
 * `createTranslationResource` for this ref; what it leaves out stays English.
 *
 * Names that come from the catalog or the backend (entities, stages, gate titles) are data,
 * not messages, and are shown as they are.
 *
 * @alpha
 */
export const releaseCoordinationTranslationRef = createTranslationRef({
  id: 'release-coordination',
  messages: releaseCoordinationMessages,
});
