import { InfoCard } from '@backstage/core-components';
import { TableBody, TableCell, TableHead, TableRow, useTheme } from '@material-ui/core';
import {
  metricDefinition,
  StageTimeValue,
} from '@release-coordination/plugin-release-coordination-common';
import { ChartNote, ChartTable, ScorecardChart } from './chartParts';
import { MetricDefinitionTooltip } from './MetricDefinition';
import { formatHours, formatMetricValue } from './metricFormat';
import { metricSource } from './metricSources';

function stillInStage(stage: StageTimeValue): number {
  return stage.figures?.find(f => f.key === 'still-in-stage')?.value ?? 0;
}

/** What the chart shows, in words. */
export function stageTimeSummary(stages: StageTimeValue[]): string {
  const parts = stages.map(
    s => `${s.stage} ${s.value === undefined ? 'no data' : formatHours(s.value)}`,
  );
  return `Median time per stage: ${parts.join(', ')}.`;
}

/** Median hours per stage, to show where trains wait, with the numbers as a table. */
export function StageTimeCard(props: { stages: StageTimeValue[] }) {
  const { stages } = props;
  const theme = useTheme();
  const definition = metricDefinition('stage-time');
  const rows = stages.map(s => ({ stage: s.stage, medianHours: s.value ?? null }));
  return (
    <InfoCard
      title={<MetricDefinitionTooltip definition={definition}>Time per stage</MetricDefinitionTooltip>}
      subheader="Median hours trains spent in each stage they left in the period"
    >
      {stages.length === 0 ? (
        <>
          <ChartNote>No train of this scope entered a stage.</ChartNote>
          <ChartNote>{metricSource('stage-time')}</ChartNote>
        </>
      ) : (
        <>
          <ScorecardChart
            summary={stageTimeSummary(stages)}
            type="bar"
            data={rows}
            categoryKey="stage"
            valueLabel="hours"
            series={[
              { dataKey: 'medianHours', name: 'Median hours', color: theme.palette.primary.main },
            ]}
          />
          <ChartTable label="Time per stage as a table">
            <TableHead>
              <TableRow>
                <TableCell>Stage</TableCell>
                <TableCell align="right">Median</TableCell>
                <TableCell align="right">p90</TableCell>
                <TableCell align="right">Trains</TableCell>
                <TableCell align="right">Still in it</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {stages.map(stage => (
                <TableRow key={stage.stage}>
                  <TableCell component="th" scope="row">
                    {stage.stage}
                  </TableCell>
                  <TableCell align="right" title={stage.missing}>
                    {formatMetricValue('hours', stage)}
                  </TableCell>
                  <TableCell align="right">
                    {stage.p90 === undefined ? '–' : formatHours(stage.p90)}
                  </TableCell>
                  <TableCell align="right">{stage.sampleSize}</TableCell>
                  <TableCell align="right">{stillInStage(stage)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </ChartTable>
        </>
      )}
    </InfoCard>
  );
}
