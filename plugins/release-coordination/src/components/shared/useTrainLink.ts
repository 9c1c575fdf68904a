import { useRouteRef } from '@backstage/core-plugin-api';
import { trainRouteRef } from '../../routes';

/**
 * The link to a train's page, or `undefined` when the app does not mount the plugin's page
 * (an entity tab can be installed without it). `useRouteRef` throws only after its own hooks
 * ran, so catching keeps the hook order stable.
 */
export function useTrainLink(): ((trainId: string) => string) | undefined {
  try {
    const link = useRouteRef(trainRouteRef);
    return link ? (trainId: string) => link({ trainId }) : undefined;
  } catch {
    return undefined;
  }
}
