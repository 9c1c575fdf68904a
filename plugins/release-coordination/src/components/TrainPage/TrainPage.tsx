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

/**
 * One train: stage timeline, gates board, participants, deployment waves and dependency drift,
 * rollback readiness, feature flags, deployments, retrospective and decision log.
 */
export function TrainView(props: { trainId: string }) {
  const { value: train, loading, error, retry } = useTrain(props.trainId);

  // Keep showing the train while a refetch runs, so an open dialog stays open.
  if (loading && !train) return <Progress />;
  if (error && !train) {
    return <ResponseErrorPanel error={error} title="Could not load the release train" />;
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
  return (
    <Page themeId="tool">
      <Header title="Release train" type="Release coordination" />
      <TrainPageContent />
    </Page>
  );
}
