import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';
import { usePagedList, useTrainChangedSignal } from '../shared';

/** Which incidents a card lists: a train's, or an entity's. */
export type IncidentsOf = { trainId: string } | { entityRef: string };

/**
 * A page of incidents, newest first, fetched again when a train changes: an attribution is
 * announced as a change of the trains it names.
 */
export function useIncidents(of: IncidentsOf) {
  const api = useApi(releaseCoordinationApiRef);
  const key =
    'trainId' in of ? `train:${of.trainId}` : `entity:${of.entityRef}`;
  const list = usePagedList(
    page => api.listIncidents({ ...of, ...page }),
    [api, key],
    {
      pageSize: 10,
    },
  );
  useTrainChangedSignal(list.retry, 'trainId' in of ? of.trainId : undefined);
  return list;
}

/** An incident with its candidate causes, loaded while its dialog is open. */
export function useIncidentDetail(incidentId: string) {
  const api = useApi(releaseCoordinationApiRef);
  return useAsyncRetry(
    () => api.getIncident({ incidentId }),
    [api, incidentId],
  );
}
