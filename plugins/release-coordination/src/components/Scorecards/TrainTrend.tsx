import { InfoCard, Link } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Button, TableBody, TableCell, TableHead, TableRow, useTheme } from '@material-ui/core';
import {
  metricDefinition,
  MetricId,
  ScorecardTrainPoint,
} from '@release-coordination/plugin-release-coordination-common';
import { releaseCoordinationTranslationRef } from '../../translations';
import { englishT, ReleaseCoordinationT, useTrainLink } from '../shared';
import { ChartNote, ChartTable, OpeningRow, ScorecardChart } from './chartParts';
import { formatMetricValue } from './metricFormat';

/** The metrics the trend follows from train to train. */
const TREND_METRICS: MetricId[] = ['cycle-time', 'change-failure-rate', 'gate-first-pass-rate'];

/**
 * The table under the chart adds what reads better as a number than as a line: incidents
 * the trains caused, and how their participants reviewed and tested while they ran.
 */
const TABLE_METRICS: MetricId[] = [
  ...TREND_METRICS,
  'incident-change-failure-rate',
  'review-coverage',
  'test-pass-rate',
];

interface TrendRow {
  trainId: string;
  trainName: string;
  /** Days: trains take weeks, and a day axis reads better than hundreds of hours. */
  cycleTimeDays: number | null;
  changeFailurePercent: number | null;
  gateFirstPassPercent: number | null;
}

function valueOf(point: ScorecardTrainPoint, id: MetricId): number | undefined {
  return point.metrics.find(m => m.id === id)?.value;
}

function trendRow(point: ScorecardTrainPoint): TrendRow {
  const cycle = valueOf(point, 'cycle-time');
  const cfr = valueOf(point, 'change-failure-rate');
  const firstPass = valueOf(point, 'gate-first-pass-rate');
  // `null` leaves a gap in the line: a train without data is not a train at zero.
  return {
    trainId: point.trainId,
    trainName: point.trainName,
    cycleTimeDays: cycle === undefined ? null : cycle / 24,
    changeFailurePercent: cfr === undefined ? null : cfr * 100,
    gateFirstPassPercent: firstPass === undefined ? null : firstPass * 100,
  };
}

function formatted(point: ScorecardTrainPoint, id: MetricId, t: ReleaseCoordinationT): string {
  return formatMetricValue(
    metricDefinition(id).unit,
    point.metrics.find(m => m.id === id),
    t,
  );
}

/** What the chart shows, in words. */
export function trendSummary(
  points: ScorecardTrainPoint[],
  t: ReleaseCoordinationT = englishT,
): string {
  const trains = points.map(point =>
    t('scorecards.trend.summaryTrain', {
      train: point.trainName,
      metrics: TREND_METRICS.map(id =>
        t('scorecards.trend.summaryMetric', {
          metric: metricDefinition(id).title.toLocaleLowerCase('en-US'),
          value: formatted(point, id, t),
        }),
      ).join(', '),
    }),
  );
  return t('scorecards.trend.summary', { count: points.length, trains: trains.join('; ') });
}

/**
 * Cycle time, change failure rate and gate first-pass rate per train, ordered by the trains'
 * planning start, with the same numbers as a table. A train in the chart or the table opens
 * that train's scorecard.
 */
export function TrainTrendCard(props: {
  points: ScorecardTrainPoint[];
  /** How many trains the scope has in the period; the points are the latest of them. */
  trainCount: number;
  onOpenTrain: (trainId: string) => void;
}) {
  const { points, trainCount, onOpenTrain } = props;
  const theme = useTheme();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const trainLink = useTrainLink();
  const rows = points.map(trendRow);
  return (
    <InfoCard
      title={t('scorecards.trend.title')}
      subheader={
        trainCount > points.length
          ? t('scorecards.trend.subheaderLatest', {
              shown: String(points.length),
              total: trainCount.toLocaleString('en-US'),
            })
          : t('scorecards.trend.subheader')
      }
    >
      {points.length === 0 ? (
        <ChartNote>{t('scorecards.trend.empty')}</ChartNote>
      ) : (
        <>
          <ScorecardChart
            summary={trendSummary(points, t)}
            type="line"
            data={rows}
            categoryKey="trainName"
            valueLabel={t('scorecards.trend.days')}
            series={[
              {
                dataKey: 'cycleTimeDays',
                name: t('scorecards.trend.cycleTimeDays'),
                color: theme.palette.primary.main,
              },
              {
                dataKey: 'changeFailurePercent',
                name: t('scorecards.trend.changeFailureRate'),
                color: theme.palette.error.main,
                percent: true,
              },
              {
                dataKey: 'gateFirstPassPercent',
                name: t('scorecards.trend.gateFirstPassRate'),
                color: theme.palette.success.main,
                percent: true,
              },
            ]}
            onOpen={index => onOpenTrain(rows[index].trainId)}
          />
          <ChartTable label={t('scorecards.trend.tableLabel')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('scorecards.trend.columns.train')}</TableCell>
                <TableCell>{t('scorecards.trend.columns.started')}</TableCell>
                <TableCell>{t('scorecards.trend.columns.status')}</TableCell>
                {TABLE_METRICS.map(id => (
                  <TableCell key={id} align="right">
                    {metricDefinition(id).title}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {points.map(point => (
                <OpeningRow key={point.trainId} onOpen={() => onOpenTrain(point.trainId)}>
                  <TableCell>
                    <Button
                      size="small"
                      color="primary"
                      onClick={() => onOpenTrain(point.trainId)}
                      aria-label={t('scorecards.trend.openScorecard', { name: point.trainName })}
                    >
                      {point.trainName}
                    </Button>
                    {trainLink && (
                      <Link
                        to={trainLink(point.trainId)}
                        variant="caption"
                        aria-label={t('scorecards.trend.trainPageOf', { name: point.trainName })}
                      >
                        {t('scorecards.trend.trainPage')}
                      </Link>
                    )}
                  </TableCell>
                  <TableCell>{new Date(point.startedAt).toLocaleDateString()}</TableCell>
                  <TableCell>{point.status}</TableCell>
                  {TABLE_METRICS.map(id => (
                    <TableCell key={id} align="right">
                      {formatted(point, id, t)}
                    </TableCell>
                  ))}
                </OpeningRow>
              ))}
            </TableBody>
          </ChartTable>
        </>
      )}
    </InfoCard>
  );
}
