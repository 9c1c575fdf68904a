import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  ReviewRisk,
  ReviewRiskPage,
  ReviewTeam,
} from '@release-coordination/plugin-release-coordination-common';
import { useEffect, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import {
  CatalogRefLink,
  ListPagination,
  LoadedContent,
  PAGE_SIZES,
  sameRef,
  StatusChip,
  usePagedList,
  useSignedInUserRef,
  useTrainChangedSignal,
} from '../shared';
import { usePluginTranslation } from '../shared/translation';
import { RiskDialog } from './RiskDialog';

/** The risk being changed, as it was read when the dialog opened or last reloaded. */
interface Editing {
  risk: ReviewRisk;
  /** While a reload runs: the page shown when it was asked for, which it replaces. */
  reloadFrom?: ReviewRiskPage;
  /** How often the risk was reloaded: each reload starts the form again. */
  reloads: number;
}

function RisksTable(props: {
  risks: ReviewRisk[];
  canEdit: boolean;
  onChange: (risk: ReviewRisk) => void;
}) {
  const { risks, canEdit, onChange } = props;
  const { t } = usePluginTranslation();
  return (
    <Table size="small" aria-label={t('review.register.tableLabel')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('review.register.columns.title')}</TableCell>
          <TableCell>{t('review.register.columns.owner')}</TableCell>
          <TableCell>{t('review.register.columns.likelihood')}</TableCell>
          <TableCell>{t('review.register.columns.impact')}</TableCell>
          <TableCell>{t('review.register.columns.mitigation')}</TableCell>
          <TableCell>{t('review.register.columns.status')}</TableCell>
          {canEdit && <TableCell />}
        </TableRow>
      </TableHead>
      <TableBody>
        {risks.map(risk => (
          <TableRow key={risk.id} data-testid={`review-risk-${risk.id}`}>
            <TableCell component="th" scope="row">
              {risk.title}
            </TableCell>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              <CatalogRefLink entityRef={risk.ownerRef} />
            </TableCell>
            <TableCell>
              {t(`review.register.levels.${risk.likelihood}`)}
            </TableCell>
            <TableCell>{t(`review.register.levels.${risk.impact}`)}</TableCell>
            <TableCell style={{ whiteSpace: 'pre-wrap' }}>
              {risk.mitigation ?? (
                <Box display="flex" alignItems="center" gridGap={8}>
                  <Typography
                    variant="body2"
                    color="textSecondary"
                    component="span"
                  >
                    {t('review.register.noMitigation')}
                  </Typography>
                  {risk.status === 'open' && (
                    <StatusChip
                      label={t('review.register.needsMitigation')}
                      tone="error"
                    />
                  )}
                </Box>
              )}
            </TableCell>
            <TableCell>
              {t(`review.register.statuses.${risk.status}`)}
            </TableCell>
            {canEdit && (
              <TableCell align="right">
                <Button
                  size="small"
                  variant="outlined"
                  onClick={() => onChange(risk)}
                  aria-label={t('review.register.changeLabel', {
                    title: risk.title,
                  })}
                >
                  {t('review.register.change')}
                </Button>
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * The train's risk register, oldest first and a page at a time: each risk with its owner,
 * likelihood, impact, mitigation and status. Who may keep the register registers risks and
 * changes them; each write asks the page and the review again.
 */
export function RiskRegister(props: {
  trainId: string;
  canEdit: boolean;
  teams: ReviewTeam[];
  refreshKey: string;
  /** After a write: the review's counts and whether it is held changed too. */
  onChanged: () => void;
}) {
  const { trainId, canEdit, teams, refreshKey, onChanged } = props;
  const api = useApi(releaseCoordinationApiRef);
  const { t } = usePluginTranslation();
  const state = usePagedList(
    page => api.listReviewRisks({ trainId, ...page }),
    [api, trainId, refreshKey],
    { pageSize: PAGE_SIZES[0] },
  );
  useTrainChangedSignal(state.retry, trainId);
  const [registering, setRegistering] = useState(false);
  const [editing, setEditing] = useState<Editing>();

  // Once a reload asked for comes back, the dialog shows the risk as it is now; it closes when
  // the risk is no longer on the page.
  const page = state.value;
  useEffect(() => {
    if (!editing?.reloadFrom || state.loading || !page) return;
    if (page === editing.reloadFrom) return;
    const fresh = page.items.find(risk => risk.id === editing.risk.id);
    setEditing(
      fresh ? { risk: fresh, reloads: editing.reloads + 1 } : undefined,
    );
  }, [editing, state.loading, page]);

  function saved() {
    state.retry();
    onChanged();
  }

  // The viewer's own team is the usual owner of a risk they see: one they may sign off for, or
  // one they signed off for already.
  const { userRef } = useSignedInUserRef();
  const defaultOwnerRef = teams.find(
    team =>
      team.canSignOff ||
      (userRef !== undefined && sameRef(team.signOff?.signedBy, userRef)),
  )?.teamRef;

  return (
    <InfoCard
      title={t('review.register.title')}
      subheader={t('review.register.subheader')}
      titleTypographyProps={{ component: 'h2' }}
    >
      {canEdit && (
        <Box marginBottom={1}>
          <Button
            variant="outlined"
            color="primary"
            onClick={() => setRegistering(true)}
          >
            {t('review.register.add')}
          </Button>
        </Box>
      )}
      <LoadedContent
        state={state}
        errorTitle={t('review.register.loadError')}
        isEmpty={risks => risks.totalCount === 0}
        empty={
          <Typography variant="body2" color="textSecondary">
            {t('review.register.empty')}
          </Typography>
        }
      >
        {risks => (
          <>
            <RisksTable
              risks={risks.items}
              canEdit={canEdit}
              onChange={risk => setEditing({ risk, reloads: 0 })}
            />
            <ListPagination
              label={t('review.register.paginationLabel')}
              paging={state.paging}
              totalCount={risks.totalCount}
              rowsPerPageOptions={PAGE_SIZES}
            />
          </>
        )}
      </LoadedContent>
      {registering && (
        <RiskDialog
          trainId={trainId}
          defaultOwnerRef={defaultOwnerRef}
          onClose={() => setRegistering(false)}
          onSaved={saved}
          onReload={state.retry}
        />
      )}
      {editing && (
        <RiskDialog
          // A reloaded risk starts the form again from what it is now.
          key={`${editing.risk.id}#${editing.reloads}`}
          trainId={trainId}
          risk={editing.risk}
          onClose={() => setEditing(undefined)}
          onSaved={saved}
          onReload={() => {
            setEditing(current => current && { ...current, reloadFrom: page });
            state.retry();
            onChanged();
          }}
        />
      )}
    </InfoCard>
  );
}
