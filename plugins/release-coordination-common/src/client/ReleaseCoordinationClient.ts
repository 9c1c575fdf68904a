/** The HTTP implementation of {@link ReleaseCoordinationApi}. */
import {
  ReleaseCoordinationApi,
  ReleaseCoordinationClientOptions,
} from './api';
import { createBackendHttp } from './http';
import { calendarRequests } from './requests/calendar';
import { cadenceRequests } from './requests/cadences';
import { deliveryRequests } from './requests/delivery';
import { dependencyRequests } from './requests/dependencies';
import { dictionaryRequests } from './requests/dictionary';
import { gateRequests } from './requests/gates';
import { incidentRequests } from './requests/incidents';
import { outcomeRequests } from './requests/outcomes';
import { retrospectiveRequests } from './requests/retrospectives';
import { reviewRequests } from './requests/review';
import { scorecardRequests } from './requests/scorecards';
import { trainRequests } from './requests/trains';
import { trainViewRequests } from './requests/trainViews';

/**
 * The methods of the HTTP client: every one of {@link ReleaseCoordinationApi}. The constructor
 * assigns them, one group per feature of the backend.
 *
 * @public
 */
export interface ReleaseCoordinationClient extends ReleaseCoordinationApi {}

/**
 * HTTP client of the release-coordination backend.
 *
 * @public
 */
export class ReleaseCoordinationClient implements ReleaseCoordinationApi {
  constructor(options: ReleaseCoordinationClientOptions) {
    const http = createBackendHttp(options);
    // Typed as the whole API, so a method no group provides does not compile.
    const requests: ReleaseCoordinationApi = {
      ...trainRequests(http),
      ...gateRequests(http),
      ...dependencyRequests(http),
      ...retrospectiveRequests(http),
      ...outcomeRequests(http),
      ...deliveryRequests(http),
      ...incidentRequests(http),
      ...scorecardRequests(http),
      ...calendarRequests(http),
      ...trainViewRequests(http),
      ...reviewRequests(http),
      ...cadenceRequests(http),
      ...dictionaryRequests(http),
    };
    Object.assign(this, requests);
  }
}
