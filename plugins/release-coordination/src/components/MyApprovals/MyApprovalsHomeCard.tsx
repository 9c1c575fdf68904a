import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';
import { approvalsRouteRef } from '../../routes';
import { releaseCoordinationTranslationRef } from '../../translations';
import { useTrainChangedSignal, useTrainLink } from '../shared';

/** How many waiting approvals the card lists; the page lists them all. */
const SHOWN = 5;

function useOptionalRouteRef(routeRef: typeof approvalsRouteRef) {
  try {
    return useRouteRef(routeRef);
  } catch {
    // Not mounted in this app: the card then shows no link to the page.
    return undefined;
  }
}

/**
 * My approvals for the home page: the approval gates waiting for one of the signed-in user's
 * teams, the first few with their train and participant, and how many there are in all.
 * Refreshed when a train changes.
 */
export function MyApprovalsHomeCardContent() {
  const api = useApi(releaseCoordinationApiRef);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const trainLink = useTrainLink();
  const approvalsLink = useOptionalRouteRef(approvalsRouteRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listMyApprovals({ limit: SHOWN, offset: 0 }),
    [api],
  );
  useTrainChangedSignal(retry);

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} title={t('approvals.loadError')} />;
  if (!value || value.totalCount === 0) {
    return <Typography variant="body2">{t('approvals.homeCard.none')}</Typography>;
  }
  return (
    <>
      <Typography variant="body2">
        {t('approvals.homeCard.count', { count: value.totalCount })}
      </Typography>
      <List dense aria-label={t('approvals.homeCard.listLabel')}>
        {value.items.map(({ train, gate }) => (
          <ListItem key={gate.id} disableGutters>
            <ListItemText
              primary={
                trainLink ? (
                  <Link to={trainLink(train.id)}>
                    {gate.title} · {train.name}
                  </Link>
                ) : (
                  `${gate.title} · ${train.name}`
                )
              }
              secondary={
                <>
                  {gate.participantRef && (
                    <EntityRefLink entityRef={gate.participantRef} defaultKind="component" />
                  )}
                  {gate.participantRef && ' · '}
                  {gate.state}
                  {gate.approverRef && (
                    <>
                      {t('approvals.homeCard.forApprover')}
                      <EntityRefLink entityRef={gate.approverRef} defaultKind="group" />
                    </>
                  )}
                </>
              }
            />
          </ListItem>
        ))}
      </List>
      {approvalsLink && value.totalCount > value.items.length && (
        <Link to={approvalsLink()}>{t('approvals.homeCard.all', { count: value.totalCount })}</Link>
      )}
    </>
  );
}
