import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { Typography } from '@material-ui/core';
import { TrainCadenceLink } from '@release-coordination/plugin-release-coordination-common';
import { cadencesRouteRef } from '../../routes';
import { cadenceSearch } from '../Cadences/cadenceLocation';
import { usePluginTranslation } from './translation';

/**
 * The link to a cadence's view on the cadences page, or `undefined` when the app does not mount
 * that page. `useRouteRef` throws only after its own hooks ran, so catching keeps the hook order
 * stable.
 */
export function useCadenceLink(): ((cadenceId: string) => string) | undefined {
  try {
    const link = useRouteRef(cadencesRouteRef);
    return link
      ? (cadenceId: string) => `${link()}${cadenceSearch(cadenceId)}`
      : undefined;
  } catch {
    return undefined;
  }
}

/** "Cadence train #N" of a train of a cadence, linking to the cadence when its page is mounted. */
export function CadenceTrainLink(props: { cadence: TrainCadenceLink }) {
  const { cadenceId, occurrence } = props.cadence;
  const { t } = usePluginTranslation();
  const cadenceLink = useCadenceLink();
  const label = t('trainPage.header.cadenceTrain', {
    occurrence: String(occurrence),
  });
  return (
    <Typography variant="body2" component="span" data-testid="cadence-train">
      {cadenceLink ? <Link to={cadenceLink(cadenceId)}>{label}</Link> : label}
    </Typography>
  );
}
