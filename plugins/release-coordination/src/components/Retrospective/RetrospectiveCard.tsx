import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Box, Typography } from '@material-ui/core';
import { TrainDetail } from '@release-coordination/plugin-release-coordination-common';
import { releaseCoordinationApiRef } from '../../api';
import { releaseCoordinationTranslationRef } from '../../translations';
import { ActionItemsTable } from './ActionItemsTable';
import { NewActionItemForm } from './NewActionItemForm';
import { RetrospectiveBoard } from './RetrospectiveBoard';
import { useRetrospective } from './useRetrospective';

/**
 * A train's blameless retrospective: what went well and what to improve, the action items it
 * decided on, and the open items of earlier trains that concern its participants. Each list
 * pages on its own.
 */
export function RetrospectiveCard(props: { train: TrainDetail }) {
  const { train } = props;
  const api = useApi(releaseCoordinationApiRef);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const { value, loading, error, retry } = useRetrospective(train.id);
  const title = t('retrospectives.title');
  const subheader = t('retrospectives.subheader');

  // Keep showing the board while a refetch runs, so that typing is not interrupted.
  if (loading && !value) {
    return (
      <InfoCard title={title} subheader={subheader}>
        <Progress />
      </InfoCard>
    );
  }
  if (error && !value) {
    return <ResponseErrorPanel error={error} title={t('retrospectives.loadError')} />;
  }
  if (!value) return null;
  return (
    <InfoCard title={title} subheader={subheader}>
      <RetrospectiveBoard trainId={train.id} notes={value.notes} onChanged={retry} />
      <Box marginTop={3}>
        <ActionItemsTable
          title={t('retrospectives.actionItems.title')}
          firstPage={value.actionItems}
          fetchPage={page => api.listActionItems({ trainId: train.id, ...page })}
          pagesLabel={t('retrospectives.actionItems.pages')}
          onChanged={retry}
          emptyText={t('retrospectives.actionItems.empty')}
        />
      </Box>
      <Box marginTop={2}>
        <NewActionItemForm train={train} onCreated={retry} />
      </Box>
      <Box marginTop={3}>
        <Typography variant="body2" color="textSecondary" paragraph>
          {t('retrospectives.carriedOver.intro')}
        </Typography>
        <ActionItemsTable
          title={t('retrospectives.carriedOver.title')}
          firstPage={value.carriedOver}
          fetchPage={page => api.listCarriedOverActionItems({ trainId: train.id, ...page })}
          pagesLabel={t('retrospectives.carriedOver.pages')}
          onChanged={retry}
          showTrain
          emptyText={t('retrospectives.carriedOver.empty')}
        />
      </Box>
    </InfoCard>
  );
}
