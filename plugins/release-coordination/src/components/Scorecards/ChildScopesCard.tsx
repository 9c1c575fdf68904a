import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Button, TableBody, TableCell, TableHead, TableRow, useTheme } from '@material-ui/core';
import {
  metricDefinition,
  MetricId,
  ScorecardChildRow,
  ScorecardScope,
} from '@release-coordination/plugin-release-coordination-common';
import { releaseCoordinationTranslationRef } from '../../translations';
import { CatalogRefLink, englishT, ReleaseCoordinationT, shortRef } from '../shared';
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

/** The kinds of children the messages under `scorecards.children.kinds…` name. */
const NAMED_KINDS = ['team', 'component', 'system', 'domain', 'train'] as const;
type NamedKind = (typeof NAMED_KINDS)[number];

function isNamedKind(kind: string): kind is NamedKind {
  return (NAMED_KINDS as readonly string[]).includes(kind);
}

function kindsOf(rows: ScorecardChildRow[]): string[] {
  return [...new Set(rows.map(r => r.scope.kind))];
}

/** "Team", "Teams" or "teams": a kind's name as the messages give it, the kind itself otherwise. */
function kindName(
  kind: string,
  form: 'kinds' | 'kindsPlural' | 'kindsPluralLower',
  t: ReleaseCoordinationT,
): string {
  return isNamedKind(kind) ? t(`scorecards.children.${form}.${kind}`) : kind;
}

/** "Teams and components": the first kind as a title, the others in the sentence. */
function kindsText(kinds: string[], t: ReleaseCoordinationT, asTitle: boolean): string {
  return kinds
    .map((kind, index) =>
      kindName(kind, asTitle && index === 0 ? 'kindsPlural' : 'kindsPluralLower', t),
    )
    .reduce((first, second) => t('scorecards.children.and', { first, second }));
}

/** "Teams", or "Teams and components" for a team with components of its own. */
export function childrenTitle(
  rows: ScorecardChildRow[],
  t: ReleaseCoordinationT = englishT,
): string {
  const kinds = kindsOf(rows);
  return kinds.length === 0 ? '' : kindsText(kinds, t, true);
}

function nameOf(scope: ScorecardScope, t: ReleaseCoordinationT): string {
  return shortRef(scopeRef(scope) ?? scope.kind, t);
}

function valueOf(row: ScorecardChildRow, id: MetricId): number | undefined {
  return row.metrics.find(m => m.id === id)?.value;
}

/** What the chart shows, in words. */
export function comparisonSummary(
  rows: ScorecardChildRow[],
  t: ReleaseCoordinationT = englishT,
): string {
  const parts = rows.map(row => {
    const frequency = formatMetricValue(
      'per-week',
      row.metrics.find(m => m.id === 'deployment-frequency'),
      t,
    );
    const cfr = formatMetricValue(
      'ratio',
      row.metrics.find(m => m.id === 'change-failure-rate'),
      t,
    );
    return t('scorecards.children.summaryRow', {
      name: nameOf(row.scope, t),
      frequency,
      changeFailureRate: cfr,
    });
  });
  const kinds = kindsOf(rows);
  return t('scorecards.children.summary', {
    children: kinds.length === 0 ? '' : kindsText(kinds, t, false),
    rows: parts.join('; '),
  });
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const chartRows = rows.map(row => {
    const cfr = valueOf(row, 'change-failure-rate');
    return {
      name: nameOf(row.scope, t),
      deploymentsPerWeek: valueOf(row, 'deployment-frequency') ?? null,
      changeFailurePercent: cfr === undefined ? null : cfr * 100,
    };
  });
  const title = childrenTitle(rows, t);
  const kinds = kindsOf(rows);
  const columnTitle = kinds.map(kind => kindName(kind, 'kinds', t)).join(' / ');
  return (
    <InfoCard
      title={t('scorecards.children.title', { children: title })}
      subheader={
        scope.kind === 'organization'
          ? t('scorecards.children.subheaderOrganization')
          : t('scorecards.children.subheader')
      }
    >
      <ScorecardChart
        summary={comparisonSummary(rows, t)}
        type="bar"
        data={chartRows}
        categoryKey="name"
        valueLabel={t('scorecards.children.perWeek')}
        series={[
          {
            dataKey: 'deploymentsPerWeek',
            name: t('scorecards.children.deploymentsPerWeek'),
            color: theme.palette.primary.main,
          },
          {
            dataKey: 'changeFailurePercent',
            name: t('scorecards.children.changeFailureRate'),
            color: theme.palette.error.main,
            percent: true,
          },
        ]}
        onOpen={index => onOpen(rows[index].scope)}
      />
      <ChartTable label={t('scorecards.children.tableLabel', { children: title })}>
        <TableHead>
          <TableRow>
            <TableCell>{columnTitle}</TableCell>
            {COMPARED.map(id => (
              <TableCell key={id} align="right">
                <MetricDefinitionTooltip definition={metricDefinition(id)} />
              </TableCell>
            ))}
            <TableCell>
              <VisuallyHidden>{t('scorecards.children.open')}</VisuallyHidden>
            </TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => {
            const ref = scopeRef(row.scope);
            return (
              <OpeningRow key={scopeKey(row.scope)} onOpen={() => onOpen(row.scope)}>
                <TableCell component="th" scope="row" style={{ whiteSpace: 'nowrap' }}>
                  {ref ? <CatalogRefLink entityRef={ref} /> : nameOf(row.scope, t)}
                </TableCell>
                {COMPARED.map(id => {
                  const metric = row.metrics.find(m => m.id === id);
                  return (
                    <TableCell key={id} align="right" title={metric?.missing}>
                      {formatMetricValue(metricDefinition(id).unit, metric, t)}
                    </TableCell>
                  );
                })}
                <TableCell>
                  <Button
                    size="small"
                    variant="outlined"
                    style={{ whiteSpace: 'nowrap' }}
                    onClick={() => onOpen(row.scope)}
                    aria-label={t('scorecards.children.openScorecard', {
                      name: nameOf(row.scope, t),
                    })}
                  >
                    {t('scorecards.children.scorecard')}
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
