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
import { ReviewTeam } from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import {
  CatalogRefLink,
  formatTime,
  FormDialog,
  FormTextField,
  shortRef,
  StatusChip,
  useBackendRequest,
} from '../shared';
import { usePluginTranslation } from '../shared/translation';

/** The sign-off of one team, with an optional comment. */
function SignOffDialog(props: {
  trainId: string;
  teamRef: string;
  onClose: () => void;
  onSignedOff: () => void;
}) {
  const { trainId, teamRef, onClose, onSignedOff } = props;
  const api = useApi(releaseCoordinationApiRef);
  const { t } = usePluginTranslation();
  const [comment, setComment] = useState('');
  const { busy, error, send } = useBackendRequest();

  async function signOff() {
    const trimmed = comment.trim();
    await send(
      () =>
        api.signOffReview({
          trainId,
          teamRef,
          ...(trimmed ? { comment: trimmed } : {}),
        }),
      () => {
        onSignedOff();
        onClose();
      },
    );
  }

  return (
    <FormDialog
      id="review-sign-off"
      title={t('review.signOffs.dialog.title', { team: shortRef(teamRef, t) })}
      busy={busy}
      error={error}
      submitLabel={t('review.signOffs.dialog.submit')}
      onSubmit={signOff}
      onClose={onClose}
    >
      <Typography variant="body2" paragraph>
        {t('review.signOffs.dialog.explanation')}
      </Typography>
      <FormTextField
        id="review-sign-off-comment"
        label={t('review.signOffs.dialog.comment')}
        value={comment}
        onChange={setComment}
        helperText={t('review.signOffs.dialog.commentHelp')}
        multiline
        minRows={3}
        variant="outlined"
      />
    </FormDialog>
  );
}

/** Who signed off for the team, when and with what comment; or that it is still waited for. */
function SignOffState(props: { team: ReviewTeam }) {
  const { signOff } = props.team;
  const { t } = usePluginTranslation();
  if (!signOff) {
    return <StatusChip label={t('review.signOffs.waiting')} tone="warning" />;
  }
  return (
    <Box>
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={8}>
        <StatusChip label={t('review.signOffs.signedOff')} tone="success" />
        <Typography variant="body2" component="span">
          {t('review.signOffs.signedBy', {
            who: <CatalogRefLink entityRef={signOff.signedBy} />,
            when: (
              <time dateTime={signOff.signedAt}>
                {formatTime(signOff.signedAt)}
              </time>
            ),
          })}
        </Typography>
      </Box>
      {signOff.comment && (
        <Typography
          variant="body2"
          color="textSecondary"
          component="blockquote"
          style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}
        >
          {signOff.comment}
        </Typography>
      )}
    </Box>
  );
}

/**
 * One row per team that owns participants of the train: the team and its participants as
 * links, whether and how it signed off, and "Sign off" for the teams the viewer may sign for.
 */
export function SignOffs(props: {
  trainId: string;
  teams: ReviewTeam[];
  onSignedOff: () => void;
}) {
  const { trainId, teams, onSignedOff } = props;
  const { t } = usePluginTranslation();
  const [signing, setSigning] = useState<string>();
  return (
    <InfoCard
      title={t('review.signOffs.title')}
      subheader={t('review.signOffs.subheader')}
      titleTypographyProps={{ component: 'h2' }}
    >
      {teams.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {t('review.signOffs.empty')}
        </Typography>
      ) : (
        <Table size="small" aria-label={t('review.signOffs.tableLabel')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('review.signOffs.columns.team')}</TableCell>
              <TableCell>{t('review.signOffs.columns.participants')}</TableCell>
              <TableCell>{t('review.signOffs.columns.signOff')}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {teams.map(team => (
              <TableRow
                key={team.teamRef}
                data-testid={`review-team-${team.teamRef}`}
              >
                <TableCell component="th" scope="row">
                  <CatalogRefLink entityRef={team.teamRef} />
                </TableCell>
                <TableCell>
                  <Box display="flex" flexWrap="wrap" gridGap={8}>
                    {team.participantRefs.map(ref => (
                      <CatalogRefLink key={ref} entityRef={ref} />
                    ))}
                  </Box>
                </TableCell>
                <TableCell>
                  <SignOffState team={team} />
                </TableCell>
                <TableCell align="right">
                  {team.canSignOff && (
                    <Button
                      variant="contained"
                      color="primary"
                      size="small"
                      onClick={() => setSigning(team.teamRef)}
                    >
                      {t('review.signOffs.signOff')}
                    </Button>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {signing && (
        <SignOffDialog
          trainId={trainId}
          teamRef={signing}
          onClose={() => setSigning(undefined)}
          onSignedOff={onSignedOff}
        />
      )}
    </InfoCard>
  );
}
