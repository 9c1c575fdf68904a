import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useParams } from 'react-router-dom';
import { TrainSections } from './TrainSections';
import { useTrain } from './useTrain';
import { releaseCoordinationTranslationRef } from '../../translations';

/**
 * One train: stage timeline, gates board, participants, deployment waves and dependency drift,
 * rollback readiness, feature flags, deployments, retrospective and decision log.
 */
export function TrainView(props: { trainId: string }) {
  const { value: train, loading, error, retry } = useTrain(props.trainId);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);


  // Keep showing the train while a refetch runs, so an open dialog stays open.
  if (loading && !train) return <Progress />;
  if (error && !train) {
    return <ResponseErrorPanel error={error} title={t('trainPage.page.loadError')} />;
  }
  if (!train) return null;
  return <TrainSections train={train} onChanged={retry} />;
}

/** The train of the route's `:trainId`. */
export function TrainPageContent() {
  const { trainId = '' } = useParams();
  return (
    <Content>
      <TrainView trainId={trainId} />
    </Content>
  );
}

/** The train page with its own header (legacy frontend system). */
export function TrainPage() {
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <Page themeId="tool">
      <Header title={t('trainPage.page.title')} type={t('trainPage.page.type')} />
      <TrainPageContent />
    </Page>
  );
}
