import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  CompatibilityPair,
  CompatibilityState,
  TrainCompatibilityMatrix,
} from '@release-coordination/plugin-release-coordination-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';
import { releaseCoordinationTranslationRef } from '../../translations';
import {
  CatalogRefLink,
  formatDate,
  HiddenEntitiesNote,
  LoadedContent,
  StatusChip,
  StatusTone,
  useTrainChangedSignal,
} from '../shared';

/** The train's compatibility matrix, reloaded when the train changes (e.g. a check report). */
export function useCompatibilityMatrix(trainId: string) {
  const api = useApi(releaseCoordinationApiRef);
  const state = useAsyncRetry(
    () => api.getCompatibilityMatrix({ trainId }),
    [api, trainId],
  );
  useTrainChangedSignal(state.retry, trainId);
  return state;
}

const TONES: Record<CompatibilityState, StatusTone> = {
  tested: 'success',
  failed: 'error',
  'other-version': 'warning',
  untested: 'warning',
};

const STATE_KEYS = {
  tested: 'compatibility.states.tested',
  failed: 'compatibility.states.failed',
  'other-version': 'compatibility.states.otherVersion',
  untested: 'compatibility.states.untested',
} as const;

function Evidence(props: { pair: CompatibilityPair }) {
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const newest = props.pair.evidence[0];
  if (!newest) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('compatibility.none')}
      </Typography>
    );
  }
  return (
    <Typography variant="body2">
      {t('compatibility.evidence', {
        check: newest.checkName,
        status: newest.status,
        version: newest.againstVersion,
        date: formatDate(newest.reportedAt),
      })}
      {newest.evidenceUrl && (
        <>
          {' · '}
          <Link to={newest.evidenceUrl}>{t('compatibility.evidenceLink')}</Link>
        </>
      )}
    </Typography>
  );
}

function PairsTable(props: { matrix: TrainCompatibilityMatrix }) {
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const { matrix } = props;
  return (
    <>
      <Typography variant="body2" gutterBottom>
        {matrix.gapCount === 0
          ? t('compatibility.allTested')
          : t('compatibility.summary', { count: matrix.gapCount })}
      </Typography>
      <Table size="small" aria-label={t('compatibility.tableLabel')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('compatibility.columns.consumer')}</TableCell>
            <TableCell>{t('compatibility.columns.provider')}</TableCell>
            <TableCell>{t('compatibility.columns.via')}</TableCell>
            <TableCell>{t('compatibility.columns.state')}</TableCell>
            <TableCell>{t('compatibility.columns.evidence')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {matrix.pairs.map(pair => (
            <TableRow key={`${pair.from}→${pair.to}`}>
              <TableCell>
                <CatalogRefLink entityRef={pair.from} /> {pair.fromVersion}
              </TableCell>
              <TableCell>
                <CatalogRefLink entityRef={pair.to} /> {pair.toVersion}
              </TableCell>
              <TableCell>{pair.via.join(', ')}</TableCell>
              <TableCell>
                <StatusChip
                  label={t(STATE_KEYS[pair.state])}
                  tone={TONES[pair.state]}
                />
              </TableCell>
              <TableCell>
                <Evidence pair={pair} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/**
 * Consumer → provider along the dependency edges among the train's participants: whether the
 * two target versions were tested together, from check reports naming their counterpart. An
 * edge without evidence is the gap a joint release review asks about.
 */
export function CompatibilityCard(props: { trainId: string }) {
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const state = useCompatibilityMatrix(props.trainId);
  return (
    <InfoCard
      title={t('compatibility.title')}
      subheader={t('compatibility.subheader')}
    >
      <LoadedContent
        state={state}
        errorTitle={t('compatibility.loadError')}
        isEmpty={matrix => matrix.pairs.length === 0 && !matrix.hidden}
        empty={
          <Typography variant="body2">{t('compatibility.empty')}</Typography>
        }
      >
        {matrix => (
          <>
            <PairsTable matrix={matrix} />
            <HiddenEntitiesNote hidden={matrix.hidden} keys={['items']} />
          </>
        )}
      </LoadedContent>
    </InfoCard>
  );
}
