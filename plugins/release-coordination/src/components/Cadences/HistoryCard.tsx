import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import NoteAddIcon from '@material-ui/icons/NoteAdd';
import {
  CadenceTrain,
  trainManagePermission,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import {
  formatDate,
  ListPagination,
  LoadedContent,
  PAGE_SIZES,
  sameRef,
  StatusChip,
  usePagedList,
  useSignedInUserRef,
  useTrainChangedSignal,
  useTrainLink,
} from '../shared';
import { usePluginTranslation } from '../shared/translation';
import { HandoverDialog } from './HandoverDialog';

/**
 * "Handover notes" of a train, for its ambassador and whoever the policy lets manage it
 * (`trainManagePermission`, asked per train): those the backend lets write them.
 */
function HandoverAction(props: {
  train: CadenceTrain;
  userRef?: string;
  onOpen: () => void;
}) {
  const { train, userRef, onOpen } = props;
  const { t } = usePluginTranslation();
  const { allowed: manager } = usePermission({
    permission: trainManagePermission,
    resourceRef: train.trainId,
  });
  if (!manager && !sameRef(train.ambassadorRef, userRef)) return null;
  return (
    <Button
      size="small"
      startIcon={<NoteAddIcon />}
      aria-label={t('cadences.history.handoverOf', { train: train.name })}
      onClick={onOpen}
    >
      {t('cadences.history.handover')}
    </Button>
  );
}

/**
 * The trains of a cadence a page at a time, the newest first: occurrence, train, ambassador,
 * status and when it was created, with each train's handover notes action. Refetched when a
 * train changes.
 */
export function HistoryCard(props: {
  cadenceId: string;
  onChanged: () => void;
}) {
  const { cadenceId, onChanged } = props;
  const { t } = usePluginTranslation();
  const api = useApi(releaseCoordinationApiRef);
  const trainLink = useTrainLink();
  const { userRef } = useSignedInUserRef();
  const list = usePagedList(
    page => api.listCadenceTrains({ cadenceId, ...page }),
    [api, cadenceId],
    { pageSize: 10 },
  );
  useTrainChangedSignal(list.retry);
  const [handingOver, setHandingOver] = useState<CadenceTrain>();

  return (
    <InfoCard
      title={t('cadences.history.title')}
      subheader={t('cadences.history.subheader')}
    >
      <LoadedContent
        state={list}
        errorTitle={t('cadences.history.loadError')}
        isEmpty={page => page.totalCount === 0}
        empty={
          <Typography variant="body2" color="textSecondary">
            {t('cadences.history.none')}
          </Typography>
        }
      >
        {page => (
          <>
            <Table size="small" aria-label={t('cadences.history.tableLabel')}>
              <TableHead>
                <TableRow>
                  <TableCell>
                    {t('cadences.history.columns.occurrence')}
                  </TableCell>
                  <TableCell>{t('cadences.history.columns.train')}</TableCell>
                  <TableCell>
                    {t('cadences.history.columns.ambassador')}
                  </TableCell>
                  <TableCell>{t('cadences.history.columns.status')}</TableCell>
                  <TableCell>{t('cadences.history.columns.created')}</TableCell>
                  <TableCell>{t('cadences.history.columns.actions')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {page.items.map(train => (
                  <TableRow key={train.trainId}>
                    <TableCell>#{train.occurrence}</TableCell>
                    <TableCell>
                      {trainLink ? (
                        <Link to={trainLink(train.trainId)}>{train.name}</Link>
                      ) : (
                        train.name
                      )}
                    </TableCell>
                    <TableCell>
                      <EntityRefLink
                        entityRef={train.ambassadorRef}
                        defaultKind="user"
                      />
                    </TableCell>
                    <TableCell>
                      <StatusChip
                        label={train.status}
                        tone={
                          train.status === 'rolled-back' ? 'error' : undefined
                        }
                      />
                    </TableCell>
                    <TableCell>{formatDate(train.createdAt)}</TableCell>
                    <TableCell>
                      <HandoverAction
                        train={train}
                        userRef={userRef}
                        onOpen={() => setHandingOver(train)}
                      />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <ListPagination
              label={t('cadences.history.paginationLabel')}
              paging={list.paging}
              totalCount={page.totalCount}
              rowsPerPageOptions={PAGE_SIZES}
            />
          </>
        )}
      </LoadedContent>
      {handingOver && (
        <HandoverDialog
          cadenceId={cadenceId}
          train={handingOver}
          onClose={() => setHandingOver(undefined)}
          onSaved={() => {
            setHandingOver(undefined);
            // The note becomes the latest handover of the series, on the next train's card.
            onChanged();
          }}
        />
      )}
    </InfoCard>
  );
}
