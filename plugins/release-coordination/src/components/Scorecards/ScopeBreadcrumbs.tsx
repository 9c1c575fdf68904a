import { Link as BackstageLink } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Breadcrumbs, Link, Typography } from '@material-ui/core';
import LaunchIcon from '@material-ui/icons/Launch';
import { ScorecardScope } from '@release-coordination/plugin-release-coordination-common';
import { releaseCoordinationTranslationRef } from '../../translations';
import { CatalogRefLink, shortRef, useTrainLink } from '../shared';
import { scopeKey } from './scorecardLocation';
import { useTrainName } from './useScorecard';

/** A train's name, once known; its id shortened until then (or when it cannot be read). */
function TrainName(props: { trainId: string; knownName?: string }) {
  const name = useTrainName(props.trainId, props.knownName);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return <>{name ?? t('scorecards.breadcrumbs.train', { id: props.trainId.slice(0, 8) })}</>;
}

function ScopeName(props: { scope: ScorecardScope; trainName?: string }) {
  const { scope, trainName } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  if (scope.kind === 'organization') return <>{t('scorecards.breadcrumbs.organization')}</>;
  if (scope.kind === 'train') return <TrainName trainId={scope.id} knownName={trainName} />;
  return <>{shortRef(scope.ref, t)}</>;
}

function KindLabel(props: { scope: ScorecardScope }) {
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  if (props.scope.kind === 'organization') return null;
  // The space stays outside the caption, so that the accessible name reads "team name".
  return (
    <>
      <Typography component="span" variant="caption" color="textSecondary">
        {t(`scorecards.scopeKinds.${props.scope.kind}`)}
      </Typography>{' '}
    </>
  );
}

/**
 * A step of the trail opens that scope's scorecard; the entity it names is a small link to the
 * catalog beside it.
 */
function CatalogIconLink(props: { scope: ScorecardScope }) {
  const { scope } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  if (scope.kind === 'organization' || scope.kind === 'train') return null;
  return (
    <Box component="span" ml={0.5} display="inline-flex">
      <EntityRefLink
        entityRef={scope.ref}
        aria-label={t('scorecards.breadcrumbs.inCatalog', { name: shortRef(scope.ref, t) })}
        disableTooltip
      >
        <LaunchIcon fontSize="inherit" aria-hidden />
      </EntityRefLink>
    </Box>
  );
}

/** The current scope: an entity's name links to the catalog, a train's to its page. */
function CurrentScope(props: { scope: ScorecardScope; trainName?: string }) {
  const { scope, trainName } = props;
  const trainLink = useTrainLink();
  let name = <ScopeName scope={scope} trainName={trainName} />;
  if (scope.kind === 'train' && trainLink) {
    name = <BackstageLink to={trainLink(scope.id)}>{name}</BackstageLink>;
  } else if (scope.kind !== 'organization' && scope.kind !== 'train') {
    name = <CatalogRefLink entityRef={scope.ref} />;
  }
  return (
    <Typography color="textPrimary" aria-current="page" component="span">
      <KindLabel scope={scope} />
      {name}
    </Typography>
  );
}

/**
 * Where the scorecard is in the organisation: Organization › the scopes drilled through ›
 * the current one. Each step up opens that scope's scorecard.
 */
export function ScopeBreadcrumbs(props: {
  scope: ScorecardScope;
  trail: ScorecardScope[];
  /** The names of the trains the scorecard counted, to name train scopes without a request. */
  trainNames: Map<string, string>;
  onOpenTrail: (index: number) => void;
}) {
  const { scope, trail, trainNames, onOpenTrail } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const nameOf = (s: ScorecardScope) => (s.kind === 'train' ? trainNames.get(s.id) : undefined);
  return (
    <Box minWidth={0}>
      <Breadcrumbs aria-label={t('scorecards.breadcrumbs.label')} maxItems={6}>
        {scope.kind !== 'organization' && (
          <Link component="button" variant="body1" onClick={() => onOpenTrail(-1)}>
            {t('scorecards.breadcrumbs.organization')}
          </Link>
        )}
        {scope.kind !== 'organization' &&
          trail.map((step, index) => (
            <Box key={scopeKey(step)} component="span" display="inline-flex" alignItems="center">
              <Link component="button" variant="body1" onClick={() => onOpenTrail(index)}>
                <KindLabel scope={step} />
                <ScopeName scope={step} trainName={nameOf(step)} />
              </Link>
              <CatalogIconLink scope={step} />
            </Box>
          ))}
        <CurrentScope scope={scope} trainName={nameOf(scope)} />
      </Breadcrumbs>
    </Box>
  );
}
