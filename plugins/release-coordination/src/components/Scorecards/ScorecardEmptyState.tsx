import { EmptyState } from '@backstage/core-components';
import { discoveryApiRef, useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Box, makeStyles, Typography } from '@material-ui/core';
import { RELEASE_COORDINATION_PLUGIN_ID } from '@release-coordination/plugin-release-coordination-common';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationTranslationRef } from '../../translations';

const useStyles = makeStyles(theme => ({
  code: {
    margin: 0,
    padding: theme.spacing(1.5),
    background: theme.palette.background.default,
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    overflowX: 'auto',
    fontSize: '0.8rem',
    textAlign: 'left',
  },
}));

/**
 * The request CI sends when a deployment finishes: the fact every delivery metric is counted
 * from. The same `deploymentId` sent when the rollout starts and again when it ends updates one
 * deployment.
 */
export function deploymentReportCommand(baseUrl: string): string {
  return [
    `curl -X POST "${baseUrl}/trains/$TRAIN_ID/deployments" \\`,
    `  -H "Authorization: Bearer $RELEASE_COORDINATION_CI_TOKEN" \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '{`,
    `    "participantRef": "component:default/checkout-api",`,
    `    "environment": "production",`,
    `    "deploymentId": "deploy-4711",`,
    `    "version": "4.2.0",`,
    `    "startedAt": "2026-11-20T09:00:00Z",`,
    `    "finishedAt": "2026-11-20T09:12:00Z",`,
    `    "result": "succeeded"`,
    `  }'`,
  ].join('\n');
}

/**
 * A period in which nothing of the scope happened: no train, no deployment, no gate decision.
 * Says what is missing and shows how CI reports deployments.
 */
export function ScorecardEmptyState(props: { scopeName: string; periodText: string }) {
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const discoveryApi = useApi(discoveryApiRef);
  const { value: baseUrl } = useAsync(
    () => discoveryApi.getBaseUrl(RELEASE_COORDINATION_PLUGIN_ID),
    [discoveryApi],
  );
  return (
    <EmptyState
      missing="data"
      title={t('scorecards.empty.title')}
      description={t('scorecards.empty.description', {
        scope: props.scopeName,
        period: props.periodText,
      })}
      action={
        <Box maxWidth={640}>
          <Typography variant="body2" paragraph>
            {t('scorecards.empty.ciIntro')}
          </Typography>
          <pre className={classes.code} aria-label={t('scorecards.empty.ciCommandLabel')}>
            {deploymentReportCommand(baseUrl ?? `/api/${RELEASE_COORDINATION_PLUGIN_ID}`)}
          </pre>
        </Box>
      }
    />
  );
}
