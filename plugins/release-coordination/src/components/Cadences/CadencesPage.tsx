import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import { CadenceDetail } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';
import { CatalogRefLinks, formatDate, useTrainChangedSignal } from '../shared';
import { usePluginTranslation } from '../shared/translation';
import { CadenceList } from './CadenceList';
import { useCadenceLocation } from './cadenceLocation';
import { HistoryCard } from './HistoryCard';
import { NextTrainCard } from './NextTrainCard';
import { RotationCard } from './RotationCard';

/** The cadence's name, description, interval and teams. */
function CadenceSummary(props: { cadence: CadenceDetail }) {
  const { cadence } = props;
  const { t } = usePluginTranslation();
  return (
    <Box marginBottom={2}>
      <Typography variant="h4" component="h2">
        {cadence.name}
      </Typography>
      {cadence.description && (
        <Typography variant="body1">{cadence.description}</Typography>
      )}
      <Typography variant="body2" color="textSecondary">
        {t('cadences.view.summary', {
          interval: t('cadences.list.interval', {
            count: cadence.intervalDays,
          }),
          date: formatDate(cadence.firstStart),
        })}
        {cadence.teamRefs.length > 0 && (
          <>
            {' · '}
            {t('cadences.view.teams')}{' '}
            <CatalogRefLinks entityRefs={cadence.teamRefs} />
          </>
        )}
      </Typography>
    </Box>
  );
}

/**
 * One cadence: its next train pre-filled (and "Create next train"), its ambassador rotation
 * with the skips and swaps, and the history of its trains. Refetched when a train changes or
 * after a dialog changed something.
 */
export function CadenceView(props: { cadenceId: string; onBack: () => void }) {
  const { cadenceId, onBack } = props;
  const { t } = usePluginTranslation();
  const api = useApi(releaseCoordinationApiRef);
  const state = useAsyncRetry(
    () => api.getCadence({ cadenceId }),
    [api, cadenceId],
  );
  useTrainChangedSignal(state.retry);
  const { value: fetched, loading, error, retry } = state;
  // What the backend answered a change with (the new roster) stands for the cadence it changed,
  // until a refetch brings a newer one.
  const [answered, setAnswered] = useState<{
    cadence: CadenceDetail;
    replaced?: CadenceDetail;
  }>();
  const cadence =
    answered && answered.replaced === fetched ? answered.cadence : fetched;

  let body;
  // Keep showing the cadence while a refetch runs, so that an open dialog stays open.
  if (loading && !cadence) body = <Progress />;
  else if (error && !cadence) {
    body = (
      <ResponseErrorPanel error={error} title={t('cadences.view.loadError')} />
    );
  } else if (cadence) {
    body = (
      <>
        <CadenceSummary cadence={cadence} />
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <NextTrainCard cadence={cadence} onChanged={retry} />
          </Grid>
          <Grid item xs={12} md={6}>
            <RotationCard
              cadence={cadence}
              onChanged={retry}
              onRosterSaved={saved =>
                setAnswered({ cadence: saved, replaced: fetched })
              }
            />
          </Grid>
          <Grid item xs={12}>
            <HistoryCard cadenceId={cadence.id} onChanged={retry} />
          </Grid>
        </Grid>
      </>
    );
  }
  return (
    <>
      <Box marginBottom={2}>
        <Button startIcon={<ArrowBackIcon />} onClick={onBack}>
          {t('cadences.view.back')}
        </Button>
      </Box>
      {body}
    </>
  );
}

/**
 * The release cadences: their list, or the cadence the query string names (`?cadence=<id>`),
 * for app page layouts that supply the header (new frontend system).
 */
export function CadencesContent() {
  const { cadenceId, go } = useCadenceLocation();
  return (
    <Content>
      {cadenceId ? (
        <CadenceView cadenceId={cadenceId} onBack={() => go()} />
      ) : (
        <CadenceList />
      )}
    </Content>
  );
}

/** The release cadences with their own header (legacy frontend system). */
export function CadencesPage() {
  const { t } = usePluginTranslation();
  return (
    <Page themeId="tool">
      <Header
        title={t('cadences.pageTitle')}
        subtitle={t('cadences.pageSubtitle')}
      />
      <CadencesContent />
    </Page>
  );
}
