import { ReleaseCoordinationApi } from '../api';
import { BackendHttp } from '../http';

/** The release dictionary: the shared words of the release process. */
export function dictionaryRequests(
  http: BackendHttp,
): Pick<ReleaseCoordinationApi, 'getDictionary'> {
  return {
    getDictionary: () => http.get('/dictionary'),
  };
}
