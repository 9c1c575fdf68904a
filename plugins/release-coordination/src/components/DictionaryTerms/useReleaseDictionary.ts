import { useApi } from '@backstage/core-plugin-api';
import {
  ReleaseCoordinationApi,
  ReleaseDictionary,
} from '@release-coordination/plugin-release-coordination-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';

/**
 * One request per API client for the whole page: the dictionary changes only with app-config,
 * and a page may show many linked terms. A failed request is forgotten, so a retry asks again.
 */
const requests = new WeakMap<ReleaseCoordinationApi, Promise<ReleaseDictionary>>();

function loadDictionary(api: ReleaseCoordinationApi): Promise<ReleaseDictionary> {
  let request = requests.get(api);
  if (!request) {
    request = api.getDictionary();
    requests.set(api, request);
    request.catch(() => requests.delete(api));
  }
  return request;
}

/**
 * The release dictionary, fetched once per API client. Linked terms decorate other pages, so a
 * client that cannot answer (even one without `getDictionary`) leaves them plain links rather
 * than breaking the page: the failure becomes the hook's error.
 */
export function useReleaseDictionary() {
  const api = useApi(releaseCoordinationApiRef);
  return useAsyncRetry(async () => loadDictionary(api), [api]);
}
