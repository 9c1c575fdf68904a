import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Box, Grid, Typography } from '@material-ui/core';
import {
  ScorecardResponse,
  ScorecardScope,
} from '@release-coordination/plugin-release-coordination-common';
import { useMemo, useRef } from 'react';
import { releaseCoordinationTranslationRef } from '../../translations';
import { HiddenEntitiesNote, ReleaseCoordinationT, shortRef } from '../shared';
import { ChildScopesCard } from './ChildScopesCard';
import { DoraReferenceCard } from './DoraReference';
import { MetricTiles } from './MetricTiles';
import { PeriodSelector } from './PeriodSelector';
import { ScopeBreadcrumbs } from './ScopeBreadcrumbs';
import { ScorecardEmptyState } from './ScorecardEmptyState';
import { useScorecardLocation } from './scorecardLocation';
import { describePeriod, periodOf, utcDay } from './scorecardPeriods';
import { StageTimeCard } from './StageTimeCard';
import { TrainTrendCard } from './TrainTrend';
import { useScorecard } from './useScorecard';

/**
 * Nothing in the period at all: no train, and no metric with a single sample. Open action
 * items alone do not count: they are old items, not something that happened in the period.
 */
function isEmpty(scorecard: ScorecardResponse): boolean {
  return (
    scorecard.perTrain.length === 0 &&
    scorecard.stageTimes.every(s => s.sampleSize === 0) &&
    scorecard.metrics.every(m => m.sampleSize === 0 || m.id === 'open-action-items-carried-over')
  );
}

function scopeText(
  scope: ScorecardScope,
  trainNames: Map<string, string>,
  t: ReleaseCoordinationT,
): string {
  switch (scope.kind) {
    case 'organization':
      return t('scorecards.scopeText.organization');
    case 'train':
      return trainNames.get(scope.id) ?? t('scorecards.scopeText.thisTrain');
    default:
      return t('scorecards.scopeText.entity', {
        kind: t(`scorecards.scopeKinds.${scope.kind}`),
        name: shortRef(scope.ref, t),
      });
  }
}

function ScorecardBody(props: {
  scorecard: ScorecardResponse;
  trainNames: Map<string, string>;
  onOpen: (scope: ScorecardScope) => void;
}) {
  const { scorecard, trainNames, onOpen } = props;
  const { settings } = scorecard;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const periodText = describePeriod(scorecard.period, t);
  if (isEmpty(scorecard)) {
    return (
      <ScorecardEmptyState
        scopeName={scopeText(scorecard.scope, trainNames, t)}
        periodText={periodText}
      />
    );
  }
  return (
    <Box display="flex" flexDirection="column" gridGap={24}>
      <Typography variant="body2" color="textSecondary">
        {t('scorecards.settings', {
          period: periodText,
          environment: settings.productionEnvironment,
          hours: String(settings.hotfixWindowHours),
          computedAt: new Date(scorecard.generatedAt).toLocaleString(),
        })}
      </Typography>
      <MetricTiles metrics={scorecard.metrics} />
      <HiddenEntitiesNote hidden={scorecard.hidden} keys={['children']} />
      <Grid container spacing={3}>
        {scorecard.children.length > 0 && (
          <Grid item xs={12}>
            <ChildScopesCard rows={scorecard.children} scope={scorecard.scope} onOpen={onOpen} />
          </Grid>
        )}
        <Grid item xs={12}>
          <TrainTrendCard
            points={scorecard.perTrain}
            trainCount={scorecard.trainCount}
            onOpenTrain={trainId => onOpen({ kind: 'train', id: trainId })}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <StageTimeCard stages={scorecard.stageTimes} />
        </Grid>
        <Grid item xs={12} md={6}>
          <DoraReferenceCard />
        </Grid>
      </Grid>
    </Box>
  );
}

/**
 * The scorecards: metrics of a scope over a period, with drill-down from the organisation to
 * teams and components, and into trains. Scope, period and the drill-down trail live in the
 * query string (see `useScorecardLocation`).
 */
export function Scorecards() {
  const { location, drillDown, openTrail, setPeriod } = useScorecardLocation();
  // The day is part of the key: a preset ends with today, and stays the same all day.
  const today = utcDay(Date.now());
  const choiceKey = JSON.stringify(location.period);
  const period = useMemo(
    () => periodOf(location.period, today),
    // The choice is a new object whenever the query string changes; its key is not.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- choiceKey stands for location.period
    [choiceKey, today],
  );
  const { scorecard, error } = useScorecard(location.scope, period);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  // Names of every train seen so far: opening a train from the trend names it in the
  // breadcrumb at once, before its own scorecard arrives.
  const seenTrains = useRef(new Map<string, string>());
  const trainNames = useMemo(() => {
    for (const point of scorecard?.perTrain ?? []) {
      seenTrains.current.set(point.trainId, point.trainName);
    }
    return new Map(seenTrains.current);
  }, [scorecard]);

  let body;
  if (error) {
    body = <ResponseErrorPanel error={error} title={t('scorecards.loadError')} />;
  } else if (!scorecard) {
    body = <Progress />;
  } else {
    body = <ScorecardBody scorecard={scorecard} trainNames={trainNames} onOpen={drillDown} />;
  }

  return (
    <Box display="flex" flexDirection="column" gridGap={24}>
      <Box
        display="flex"
        flexWrap="wrap"
        justifyContent="space-between"
        alignItems="center"
        gridGap={16}
      >
        <ScopeBreadcrumbs
          scope={location.scope}
          trail={location.trail}
          trainNames={trainNames}
          onOpenTrail={openTrail}
        />
        <PeriodSelector choice={location.period} period={period} onChange={setPeriod} />
      </Box>
      {body}
    </Box>
  );
}

/** The scorecards, for app page layouts that supply the header (new frontend system). */
export function ScorecardsPageContent() {
  return (
    <Content>
      <Scorecards />
    </Content>
  );
}

/** The scorecards with their own header (legacy frontend system). */
export function ScorecardsPage() {
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <Page themeId="tool">
      <Header title={t('scorecards.pageTitle')} subtitle={t('scorecards.pageSubtitle')} />
      <ScorecardsPageContent />
    </Page>
  );
}
