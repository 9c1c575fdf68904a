import { InfoCard, Link } from '@backstage/core-components';
import { Button, TableBody, TableCell, TableHead, TableRow, useTheme } from '@material-ui/core';
import {
  metricDefinition,
  MetricId,
  ScorecardTrainPoint,
} from '@release-coordination/plugin-release-coordination-common';
import { useTrainLink } from '../shared';
import { ChartNote, ChartTable, OpeningRow, ScorecardChart } from './chartParts';
import { formatMetricValue } from './metricFormat';

/** The metrics the trend follows from train to train. */
const TREND_METRICS: MetricId[] = ['cycle-time', 'change-failure-rate', 'gate-first-pass-rate'];

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

function formatted(point: ScorecardTrainPoint, id: MetricId): string {
  return formatMetricValue(
    metricDefinition(id).unit,
    point.metrics.find(m => m.id === id),
  );
}

/** What the chart shows, in words. */
export function trendSummary(points: ScorecardTrainPoint[]): string {
  const trains = points.map(
    point =>
      `${point.trainName}: ${TREND_METRICS.map(
        id => `${metricDefinition(id).title.toLocaleLowerCase('en-US')} ${formatted(point, id)}`,
      ).join(', ')}`,
  );
  return `Trend across ${points.length} ${points.length === 1 ? 'train' : 'trains'}, ordered by start. ${trains.join('; ')}.`;
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
  const trainLink = useTrainLink();
  const rows = points.map(trendRow);
  return (
    <InfoCard
      title="Trend across trains"
      subheader={
        trainCount > points.length
          ? `The latest ${points.length} of ${trainCount.toLocaleString('en-US')} trains in the period, each with its own figures, ordered by planning start`
          : "Each train's own figures in the period, ordered by planning start"
      }
    >
      {points.length === 0 ? (
        <ChartNote>No train of this scope has anything counted in the period.</ChartNote>
      ) : (
        <>
          <ScorecardChart
            summary={trendSummary(points)}
            type="line"
            data={rows}
            categoryKey="trainName"
            valueLabel="days"
            series={[
              {
                dataKey: 'cycleTimeDays',
                name: 'Cycle time (days)',
                color: theme.palette.primary.main,
              },
              {
                dataKey: 'changeFailurePercent',
                name: 'Change failure rate (%)',
                color: theme.palette.error.main,
                percent: true,
              },
              {
                dataKey: 'gateFirstPassPercent',
                name: 'Gate first-pass rate (%)',
                color: theme.palette.success.main,
                percent: true,
              },
            ]}
            onOpen={index => onOpenTrain(rows[index].trainId)}
          />
          <ChartTable label="Trend across trains as a table">
            <TableHead>
              <TableRow>
                <TableCell>Train</TableCell>
                <TableCell>Started</TableCell>
                <TableCell>Status</TableCell>
                {TREND_METRICS.map(id => (
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
                      aria-label={`Open the scorecard of ${point.trainName}`}
                    >
                      {point.trainName}
                    </Button>
                    {trainLink && (
                      <Link
                        to={trainLink(point.trainId)}
                        variant="caption"
                        aria-label={`Train page of ${point.trainName}`}
                      >
                        train page
                      </Link>
                    )}
                  </TableCell>
                  <TableCell>{new Date(point.startedAt).toLocaleDateString()}</TableCell>
                  <TableCell>{point.status}</TableCell>
                  {TREND_METRICS.map(id => (
                    <TableCell key={id} align="right">
                      {formatted(point, id)}
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
