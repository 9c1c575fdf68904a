import { InfoCard } from '@backstage/core-components';
import { Button, TableBody, TableCell, TableHead, TableRow, useTheme } from '@material-ui/core';
import {
  metricDefinition,
  MetricId,
  ScorecardChildRow,
  ScorecardScope,
} from '@release-coordination/plugin-release-coordination-common';
import { CatalogRefLink, shortRef } from '../shared';
import { ChartTable, OpeningRow, ScorecardChart, VisuallyHidden } from './chartParts';
import { MetricDefinitionTooltip } from './MetricDefinition';
import { formatMetricValue } from './metricFormat';
import { scopeKey, scopeRef } from './scorecardLocation';

/** The columns of the comparison: few enough to fit at 1280 px, one per question leaders ask. */
const COMPARED: MetricId[] = [
  'deployment-frequency',
  'change-failure-rate',
  'failed-deployment-recovery-time',
  'cycle-time',
  'gate-first-pass-rate',
  'approval-latency',
  'action-item-follow-through',
];

const KIND_NAMES: Record<string, [string, string]> = {
  team: ['Team', 'Teams'],
  component: ['Component', 'Components'],
  system: ['System', 'Systems'],
  domain: ['Domain', 'Domains'],
  train: ['Train', 'Trains'],
};

function kindsOf(rows: ScorecardChildRow[]): string[] {
  return [...new Set(rows.map(r => r.scope.kind))];
}

/** "Teams", or "Teams and components" for a team with components of its own. */
export function childrenTitle(rows: ScorecardChildRow[]): string {
  const names = kindsOf(rows).map(kind => KIND_NAMES[kind]?.[1] ?? kind);
  return names
    .map((name, index) => (index === 0 ? name : name.toLocaleLowerCase('en-US')))
    .join(' and ');
}

function nameOf(scope: ScorecardScope): string {
  return shortRef(scopeRef(scope) ?? scope.kind);
}

function valueOf(row: ScorecardChildRow, id: MetricId): number | undefined {
  return row.metrics.find(m => m.id === id)?.value;
}

/** What the chart shows, in words. */
export function comparisonSummary(rows: ScorecardChildRow[]): string {
  const parts = rows.map(row => {
    const frequency = formatMetricValue(
      'per-week',
      row.metrics.find(m => m.id === 'deployment-frequency'),
    );
    const cfr = formatMetricValue('ratio', row.metrics.find(m => m.id === 'change-failure-rate'));
    return `${nameOf(row.scope)}: deployment frequency ${frequency}, change failure rate ${cfr}`;
  });
  return `Comparison of ${childrenTitle(rows).toLocaleLowerCase('en-US')}: ${parts.join('; ')}.`;
}

/**
 * The narrower scopes of a scorecard side by side: deployment frequency and change failure
 * rate as a chart, the main metrics as a table. A row (or a bar) opens its scorecard; its name
 * is a link to the catalog.
 */
export function ChildScopesCard(props: {
  rows: ScorecardChildRow[];
  scope: ScorecardScope;
  onOpen: (scope: ScorecardScope) => void;
}) {
  const { rows, scope, onOpen } = props;
  const theme = useTheme();
  const chartRows = rows.map(row => {
    const cfr = valueOf(row, 'change-failure-rate');
    return {
      name: nameOf(row.scope),
      deploymentsPerWeek: valueOf(row, 'deployment-frequency') ?? null,
      changeFailurePercent: cfr === undefined ? null : cfr * 100,
    };
  });
  const title = childrenTitle(rows);
  const kinds = kindsOf(rows);
  const columnTitle = kinds.map(kind => KIND_NAMES[kind]?.[0] ?? kind).join(' / ');
  return (
    <InfoCard
      title={`${title}: comparison`}
      subheader={
        scope.kind === 'organization'
          ? 'Open one to see its own scorecard'
          : 'Each row counts only what belongs to this scope too; open one to see its own scorecard'
      }
    >
      <ScorecardChart
        summary={comparisonSummary(rows)}
        type="bar"
        data={chartRows}
        categoryKey="name"
        valueLabel="per week"
        series={[
          {
            dataKey: 'deploymentsPerWeek',
            name: 'Deployments per week',
            color: theme.palette.primary.main,
          },
          {
            dataKey: 'changeFailurePercent',
            name: 'Change failure rate (%)',
            color: theme.palette.error.main,
            percent: true,
          },
        ]}
        onOpen={index => onOpen(rows[index].scope)}
      />
      <ChartTable label={`${title} compared`}>
        <TableHead>
          <TableRow>
            <TableCell>{columnTitle}</TableCell>
            {COMPARED.map(id => (
              <TableCell key={id} align="right">
                <MetricDefinitionTooltip definition={metricDefinition(id)} />
              </TableCell>
            ))}
            <TableCell>
              <VisuallyHidden>Open</VisuallyHidden>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => {
            const ref = scopeRef(row.scope);
            return (
              <OpeningRow key={scopeKey(row.scope)} onOpen={() => onOpen(row.scope)}>
                <TableCell component="th" scope="row" style={{ whiteSpace: 'nowrap' }}>
                  {ref ? <CatalogRefLink entityRef={ref} /> : nameOf(row.scope)}
                </TableCell>
                {COMPARED.map(id => {
                  const metric = row.metrics.find(m => m.id === id);
                  return (
                    <TableCell key={id} align="right" title={metric?.missing}>
                      {formatMetricValue(metricDefinition(id).unit, metric)}
                    </TableCell>
                  );
                })}
                <TableCell>
                  <Button
                    size="small"
                    variant="outlined"
                    style={{ whiteSpace: 'nowrap' }}
                    onClick={() => onOpen(row.scope)}
                    aria-label={`Open the scorecard of ${nameOf(row.scope)}`}
                  >
                    Scorecard
                  </Button>
                </TableCell>
              </OpeningRow>
            );
          })}
        </TableBody>
      </ChartTable>
    </InfoCard>
  );
}
