import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { TableBody, TableCell, TableHead, TableRow, useTheme } from '@material-ui/core';
import {
  metricDefinition,
  StageTimeValue,
} from '@release-coordination/plugin-release-coordination-common';
import { releaseCoordinationTranslationRef } from '../../translations';
import { englishT, ReleaseCoordinationT } from '../shared';
import { ChartNote, ChartTable, ScorecardChart } from './chartParts';
import { MetricDefinitionTooltip } from './MetricDefinition';
import { formatHours, formatMetricValue } from './metricFormat';
import { metricSource } from './metricSources';

function stillInStage(stage: StageTimeValue): number {
  return stage.figures?.find(f => f.key === 'still-in-stage')?.value ?? 0;
}

/** What the chart shows, in words. */
export function stageTimeSummary(
  stages: StageTimeValue[],
  t: ReleaseCoordinationT = englishT,
): string {
  const parts = stages.map(s =>
    t('scorecards.stageTime.summaryStage', {
      stage: s.stage,
      value: s.value === undefined ? t('scorecards.units.noData') : formatHours(s.value, t),
    }),
  );
  return t('scorecards.stageTime.summary', { stages: parts.join(', ') });
}

/** Median hours per stage, to show where trains wait, with the numbers as a table. */
export function StageTimeCard(props: { stages: StageTimeValue[] }) {
  const { stages } = props;
  const theme = useTheme();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const definition = metricDefinition('stage-time');
  const rows = stages.map(s => ({ stage: s.stage, medianHours: s.value ?? null }));
  return (
    <InfoCard
      title={
        <MetricDefinitionTooltip definition={definition}>
          {t('scorecards.stageTime.title')}
        </MetricDefinitionTooltip>
      }
      subheader={t('scorecards.stageTime.subheader')}
    >
      {stages.length === 0 ? (
        <>
          <ChartNote>{t('scorecards.stageTime.empty')}</ChartNote>
          <ChartNote>{metricSource('stage-time', t)}</ChartNote>
        </>
      ) : (
        <>
          <ScorecardChart
            summary={stageTimeSummary(stages, t)}
            type="bar"
            data={rows}
            categoryKey="stage"
            valueLabel={t('scorecards.stageTime.hours')}
            series={[
              {
                dataKey: 'medianHours',
                name: t('scorecards.stageTime.medianHours'),
                color: theme.palette.primary.main,
              },
            ]}
          />
          <ChartTable label={t('scorecards.stageTime.tableLabel')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('scorecards.stageTime.columns.stage')}</TableCell>
                <TableCell align="right">{t('scorecards.stageTime.columns.median')}</TableCell>
                <TableCell align="right">{t('scorecards.stageTime.columns.p90')}</TableCell>
                <TableCell align="right">{t('scorecards.stageTime.columns.trains')}</TableCell>
                <TableCell align="right">
                  {t('scorecards.stageTime.columns.stillInStage')}
                </TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {stages.map(stage => (
                <TableRow key={stage.stage}>
                  <TableCell component="th" scope="row">
                    {stage.stage}
                  </TableCell>
                  <TableCell align="right" title={stage.missing}>
                    {formatMetricValue('hours', stage, t)}
                  </TableCell>
                  <TableCell align="right">
                    {stage.p90 === undefined ? '–' : formatHours(stage.p90, t)}
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
