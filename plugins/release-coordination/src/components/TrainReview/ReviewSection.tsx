import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Grid, Typography } from '@material-ui/core';
import {
  TrainDetail,
  TrainReleaseReview,
} from '@release-coordination/plugin-release-coordination-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';
import {
  CatalogRefLinks,
  HiddenEntitiesNote,
  LoadedContent,
  StatusChip,
  useTrainChangedSignal,
} from '../shared';
import { usePluginTranslation } from '../shared/translation';
import { ReviewAgenda } from './ReviewAgenda';
import { RiskRegister } from './RiskRegister';
import { SignOffs } from './SignOffs';

/** The train's review, asked again when the train changes. */
function useReview(trainId: string, refreshKey: string) {
  const api = useApi(releaseCoordinationApiRef);
  const state = useAsyncRetry(
    () => api.getTrainReview({ trainId }),
    [api, trainId, refreshKey],
  );
  useTrainChangedSignal(state.retry, trainId);
  return state;
}

/** Whether the review is held and, when it is not, what it waits for. */
function ReviewStatus(props: { review: TrainReleaseReview }) {
  const { review } = props;
  const { t } = usePluginTranslation();
  const waiting = review.teams.filter(team => !team.signOff);
  const { unmitigatedCount, totalCount, openCount } = review.register;
  return (
    <Box data-testid="review-status">
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
        <StatusChip
          label={review.held ? t('review.held') : t('review.notHeld')}
          tone={review.held ? 'success' : 'warning'}
        />
        <Typography variant="body2" color="textSecondary" component="span">
          {t('review.registerCounts', {
            total: String(totalCount),
            open: String(openCount),
          })}
        </Typography>
      </Box>
      {review.held ? (
        <Typography variant="body2" style={{ marginTop: 8 }}>
          {t('review.heldText')}
        </Typography>
      ) : (
        <Box component="ul" mt={1} mb={0} pl={2}>
          {waiting.length > 0 && (
            <Typography component="li" variant="body2">
              {t('review.waitingOn', {
                count: waiting.length,
                teams: (
                  <CatalogRefLinks
                    entityRefs={waiting.map(team => team.teamRef)}
                  />
                ),
              })}
            </Typography>
          )}
          {unmitigatedCount > 0 && (
            <Typography component="li" variant="body2">
              {t('review.unmitigated', { count: unmitigatedCount })}
            </Typography>
          )}
          {waiting.length === 0 && unmitigatedCount === 0 && (
            <Typography component="li" variant="body2">
              {t('review.waitingOnHidden')}
            </Typography>
          )}
        </Box>
      )}
      <HiddenEntitiesNote
        hidden={review.hidden}
        keys={['participants', 'items']}
      />
    </Box>
  );
}

/**
 * The Review tab of a train: the joint release review of its teams. Whether the review is held
 * (every owning team signed off and no open risk lacks a mitigation, what the default gate
 * "Release review held" asks), each team's sign-off, the risk register a page at a time, and
 * the agenda assembled from the rest of the train page. Every write asks the review again.
 */
export function ReviewSection(props: {
  train: Pick<TrainDetail, 'id' | 'updatedAt'>;
}) {
  const { train } = props;
  const { t } = usePluginTranslation();
  const state = useReview(train.id, train.updatedAt);
  const review = state.value;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title={t('review.title')}
          subheader={t('review.subheader')}
          titleTypographyProps={{ component: 'h2' }}
        >
          <LoadedContent
            state={state}
            errorTitle={t('review.loadError')}
            isEmpty={() => false}
            empty={null}
          >
            {loaded => <ReviewStatus review={loaded} />}
          </LoadedContent>
        </InfoCard>
      </Grid>
      {review && (
        <>
          <Grid item xs={12}>
            <SignOffs
              trainId={train.id}
              teams={review.teams}
              onSignedOff={state.retry}
            />
          </Grid>
          <Grid item xs={12}>
            <RiskRegister
              trainId={train.id}
              canEdit={review.canEditRegister}
              teams={review.teams}
              refreshKey={train.updatedAt}
              onChanged={state.retry}
            />
          </Grid>
          <Grid item xs={12}>
            <ReviewAgenda agenda={review.agenda} />
          </Grid>
        </>
      )}
    </Grid>
  );
}
