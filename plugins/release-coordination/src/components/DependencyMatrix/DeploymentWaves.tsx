import { InfoCard, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Box, Chip, makeStyles, Typography } from '@material-ui/core';
import ArrowForwardIcon from '@material-ui/icons/ArrowForward';
import { Alert, AlertTitle } from '@material-ui/lab';
import {
  DeploymentPlan,
  DeploymentWave,
} from '@release-coordination/plugin-release-coordination-common';
import { ReactNode } from 'react';
import { releaseCoordinationTranslationRef } from '../../translations';
import { CatalogRefLink, CatalogRefLinks, sameRef, SnapshotAge } from '../shared';
import { useDeploymentWaves } from './useDeploymentWaves';

const useStyles = makeStyles(theme => ({
  waves: {
    display: 'flex',
    alignItems: 'stretch',
    // Wrap rather than scroll: every wave stays in sight, in reading order.
    flexWrap: 'wrap',
    rowGap: theme.spacing(1),
    listStyle: 'none',
    margin: 0,
    padding: theme.spacing(0, 0, 1, 0),
  },
  wave: {
    display: 'flex',
    alignItems: 'stretch',
  },
  column: {
    minWidth: 170,
    maxWidth: 260,
    padding: theme.spacing(1, 1.5),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    background: theme.palette.background.default,
  },
  cycleColumn: {
    border: `2px solid ${theme.palette.error.main}`,
    background: theme.palette.type === 'dark' ? theme.palette.background.default : '#fdecea',
  },
  cycleTitle: { color: theme.palette.error.main },
  arrow: {
    alignSelf: 'center',
    margin: theme.spacing(0, 0.5),
    color: theme.palette.text.secondary,
  },
  members: { listStyle: 'none', margin: theme.spacing(1, 0, 0, 0), padding: 0 },
  member: { padding: theme.spacing(0.25, 0) },
  current: { fontWeight: theme.typography.fontWeightBold as number },
}));

function WaveColumn(props: { wave: DeploymentWave; entityRef?: string; last: boolean }) {
  const { wave, entityRef, last } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const number = String(wave.index + 1);
  const label = t('dependencies.waves.wave', { number });
  return (
    <li
      className={classes.wave}
      aria-label={wave.cycle ? t('dependencies.waves.waveWithCycle', { number }) : label}
    >
      <div className={`${classes.column} ${wave.cycle ? classes.cycleColumn : ''}`}>
        <Box display="flex" alignItems="center" justifyContent="space-between" gridGap={4}>
          <Typography
            variant="subtitle2"
            component="h3"
            className={wave.cycle ? classes.cycleTitle : undefined}
          >
            {label}
          </Typography>
          {wave.cycle && (
            <Chip size="small" label={t('dependencies.waves.cycle')} className={classes.cycleTitle} />
          )}
        </Box>
        {wave.cycle && (
          <Typography variant="caption" className={classes.cycleTitle} component="p">
            {t('dependencies.waves.cycleNote')}
          </Typography>
        )}
        <ul className={classes.members}>
          {wave.members.map(member => (
            <li
              key={member}
              className={`${classes.member} ${sameRef(member, entityRef) ? classes.current : ''}`}
            >
              <CatalogRefLink entityRef={member} />
              {sameRef(member, entityRef) && <>{' '}{t('dependencies.waves.thisEntity')}</>}
            </li>
          ))}
        </ul>
      </div>
      {!last && <ArrowForwardIcon className={classes.arrow} aria-hidden />}
    </li>
  );
}

/** The waves of a plan as ordered columns, with its cycles and unknown refs flagged. */
export function DeploymentPlanView(props: { plan: DeploymentPlan; entityRef?: string }) {
  const { plan, entityRef } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <Box display="flex" flexDirection="column" gridGap={12}>
      {plan.cycles.map(cycle => (
        <Alert severity="error" key={cycle.join(',')}>
          <AlertTitle>{t('dependencies.waves.cycleAlert.title')}</AlertTitle>
          {t('dependencies.waves.cycleAlert.text', {
            members: <CatalogRefLinks entityRefs={cycle} />,
          })}
        </Alert>
      ))}
      {plan.unknown.length > 0 && (
        <Alert severity="warning">
          <AlertTitle>{t('dependencies.waves.unknownAlert.title')}</AlertTitle>
          {t('dependencies.waves.unknownAlert.text', {
            members: <CatalogRefLinks entityRefs={plan.unknown} />,
          })}
        </Alert>
      )}
      <ol className={classes.waves} aria-label={t('dependencies.waves.listLabel')}>
        {plan.waves.map((wave, index) => (
          <WaveColumn
            key={wave.index}
            wave={wave}
            entityRef={entityRef}
            last={index === plan.waves.length - 1}
          />
        ))}
      </ol>
    </Box>
  );
}

/**
 * The deployment order of an entity and what it depends on: each wave ships after the ones
 * before it, providers before their consumers.
 */
export function DeploymentWaves(props: {
  /** The entity the page is about, highlighted among the waves. */
  entityRef?: string;
  entityRefs: string[];
  title?: string;
  subheader: ReactNode;
  /** Shown when none of the entities is in the graph. */
  emptyText?: string;
}) {
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const {
    entityRef,
    entityRefs,
    title = t('dependencies.waves.title'),
    subheader,
    emptyText = t('dependencies.waves.empty'),
  } = props;
  const { value, loading, error } = useDeploymentWaves(entityRefs);

  let content;
  if (loading) {
    content = <Progress />;
  } else if (error) {
    content = <ResponseErrorPanel error={error} title={t('dependencies.waves.loadError')} />;
  } else if (!value || value.plan.waves.length === 0) {
    content = <Typography variant="body2">{emptyText}</Typography>;
  } else {
    content = (
      <>
        <DeploymentPlanView plan={value.plan} entityRef={entityRef} />
        <Box marginTop={1}>
          <SnapshotAge snapshot={value.snapshot} />
        </Box>
      </>
    );
  }
  return (
    <InfoCard title={title} subheader={subheader}>
      {content}
    </InfoCard>
  );
}
