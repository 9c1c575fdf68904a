import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Box, Chip, makeStyles, Paper, Typography } from '@material-ui/core';
import { TrainStage } from '@release-coordination/plugin-release-coordination-common';
import { formatDate } from '../shared';
import { releaseCoordinationTranslationRef } from '../../translations';

const useStyles = makeStyles(theme => ({
  stages: {
    display: 'flex',
    listStyle: 'none',
    margin: 0,
    padding: 0,
    gap: theme.spacing(1),
    flexWrap: 'wrap',
  },
  stage: {
    flex: '1 1 180px',
    padding: theme.spacing(1, 1.5),
    borderTop: `4px solid ${theme.palette.divider}`,
  },
  done: { borderTopColor: theme.palette.success.main },
  current: { borderTopColor: theme.palette.primary.main, fontWeight: 600 },
  late: { borderTopColor: theme.palette.error.main },
}));

/** The train's stages in order, each with its checkpoint window, where the train is and if late. */
export function StageTimeline(props: { stages: TrainStage[] }) {
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <ol className={classes.stages} aria-label={t('trainPage.stages.timelineLabel')}>
      {props.stages.map(stage => (
        <Paper
          component="li"
          key={stage.name}
          variant="outlined"
          aria-current={stage.status === 'current' ? 'step' : undefined}
          className={`${classes.stage} ${stage.status === 'upcoming' ? '' : classes[stage.status]} ${
            stage.late ? classes.late : ''
          }`}
        >
          <Box display="flex" alignItems="center" justifyContent="space-between" gridGap={4}>
            <Typography variant="subtitle2" component="h3">
              {stage.title}
            </Typography>
            <Box display="flex" gridGap={4}>
              {stage.status === 'current' && <Chip size="small" color="primary" label={t('trainPage.stages.current')} />}
              {stage.status === 'done' && <Chip size="small" label={t('trainPage.stages.done')} />}
              {stage.late && <Chip size="small" label={t('trainPage.stages.late')} color="secondary" />}
            </Box>
          </Box>
          <Typography variant="body2" color="textSecondary">
            {stage.window
              ? t('trainPage.stages.window', {
                  start: formatDate(stage.window.start),
                  end: formatDate(stage.window.end),
                })
              : t('trainPage.stages.noWindow')}
          </Typography>
        </Paper>
      ))}
    </ol>
  );
}
