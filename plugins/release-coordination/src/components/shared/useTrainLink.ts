import { useRouteRef } from '@backstage/core-plugin-api';
import { trainRouteRef } from '../../routes';
import { TrainTab, trainTabSearch } from './trainTabs';

/**
 * The link to a train's page, opened on one of its tabs when `tab` is given (the overview
 * otherwise), or `undefined` when the app does not mount the plugin's page (an entity tab can
 * be installed without it). `useRouteRef` throws only after its own hooks ran, so catching
 * keeps the hook order stable.
 */
export function useTrainLink():
  ((trainId: string, tab?: TrainTab) => string) | undefined {
  try {
    const link = useRouteRef(trainRouteRef);
    return link
      ? (trainId: string, tab?: TrainTab) =>
          `${link({ trainId })}${tab ? trainTabSearch(tab) : ''}`
      : undefined;
  } catch {
    return undefined;
  }
}
