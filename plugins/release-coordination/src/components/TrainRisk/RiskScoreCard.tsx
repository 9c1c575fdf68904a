import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Chip,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@material-ui/core';
import {
  TrainDetail,
  TrainRiskScore,
} from '@release-coordination/plugin-release-coordination-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';
import { LoadedContent, useTrainChangedSignal } from '../shared';
import { usePluginTranslation } from '../shared/translation';

/** One colour per factor, in the order the score lists them. */
const FACTOR_COLOURS = [
  '#c62828',
  '#ad1457',
  '#6a1b9a',
  '#4527a0',
  '#1565c0',
  '#00838f',
  '#2e7d32',
  '#ef6c00',
  '#6d4c41',
];

const useStyles = makeStyles(theme => ({
  chart: {
    display: 'flex',
    height: 20,
    borderRadius: 4,
    overflow: 'hidden',
    background: theme.palette.action.hover,
    margin: theme.spacing(1, 0, 2),
  },
  numberHead: { whiteSpace: 'nowrap' },
  swatch: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: 2,
    marginRight: 6,
  },
  low: {
    background: theme.palette.success.main,
    color: theme.palette.common.white,
  },
  medium: {
    background: theme.palette.warning.main,
    color: theme.palette.common.black,
  },
  high: {
    background: theme.palette.error.main,
    color: theme.palette.common.white,
  },
}));

/** The train's risk score, recomputed when any train changes (collisions depend on others). */
function useTrainRisk(trainId: string, refreshKey: string) {
  const api = useApi(releaseCoordinationApiRef);
  const state = useAsyncRetry(
    () => api.getTrainRisk({ trainId }),
    [api, trainId, refreshKey],
  );
  useTrainChangedSignal(state.retry);
  return state;
}

/** The score, its level, the points of each factor as one bar, and the factors explained. */
function RiskScoreView(props: { risk: TrainRiskScore }) {
  const { risk } = props;
  const classes = useStyles();
  const { t } = usePluginTranslation();
  const scored = risk.factors.map((factor, index) => ({
    factor,
    colour: FACTOR_COLOURS[index % FACTOR_COLOURS.length],
  }));
  return (
    <>
      <Box display="flex" alignItems="baseline" gridGap={12}>
        <Typography
          variant="h3"
          component="p"
          aria-label={t('risk.score', { score: String(risk.score) })}
        >
          {risk.score}
        </Typography>
        <Chip
          className={classes[risk.level]}
          label={t(`risk.levels.${risk.level}`)}
        />
      </Box>
      <div
        className={classes.chart}
        role="img"
        aria-label={t('risk.chartLabel', { score: String(risk.score) })}
      >
        {scored
          .filter(({ factor }) => factor.contribution > 0)
          .map(({ factor, colour }) => {
            const label = t('risk.segment', {
              factor: t(`risk.factors.${factor.id}`),
              points: String(factor.contribution),
            });
            return (
              <Tooltip key={factor.id} title={label}>
                <div
                  aria-label={label}
                  style={{
                    width: `${factor.contribution}%`,
                    background: colour,
                  }}
                />
              </Tooltip>
            );
          })}
      </div>
      <Table size="small" aria-label={t('risk.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('risk.columns.factor')}</TableCell>
            <TableCell>{t('risk.columns.measured')}</TableCell>
            <TableCell align="right" className={classes.numberHead}>
              {t('risk.columns.share')}
            </TableCell>
            <TableCell align="right" className={classes.numberHead}>
              {t('risk.columns.weight')}
            </TableCell>
            <TableCell align="right" className={classes.numberHead}>
              {t('risk.columns.points')}
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {scored.map(({ factor, colour }) => (
            <TableRow key={factor.id}>
              <TableCell>
                <span
                  className={classes.swatch}
                  style={{ background: colour }}
                />
                {t(`risk.factors.${factor.id}`)}
              </TableCell>
              <TableCell>{factor.detail}</TableCell>
              <TableCell align="right">
                {t('risk.share', {
                  percent: String(Math.round(factor.normalized * 100)),
                  fullAt: String(factor.fullAt),
                })}
              </TableCell>
              <TableCell align="right">{factor.weight}</TableCell>
              <TableCell align="right">{factor.contribution}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/** How risky the train is now, on its overview: no black box, every factor shown. */
export function RiskScoreCard(props: {
  train: Pick<TrainDetail, 'id' | 'updatedAt'>;
}) {
  const { train } = props;
  const { t } = usePluginTranslation();
  const state = useTrainRisk(train.id, train.updatedAt);
  return (
    <InfoCard title={t('risk.title')} subheader={t('risk.subheader')}>
      <LoadedContent
        state={state}
        errorTitle={t('risk.loadError')}
        isEmpty={() => false}
        empty={null}
      >
        {risk => <RiskScoreView risk={risk} />}
      </LoadedContent>
    </InfoCard>
  );
}
