import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Box, Grid, LinearProgress, Typography } from '@material-ui/core';
import { ToggleButton, ToggleButtonGroup } from '@material-ui/lab';
import { useMemo, useState } from 'react';
import { releaseCoordinationTranslationRef } from '../../translations';
import { DictionaryTerm } from '../DictionaryTerms';
import {
  DependencyProblemAlerts,
  isNotFoundError,
  NotDerivedYetState,
  NotInGraphState,
  ReleaseCoordinationT,
  shortRef,
  SnapshotAge,
} from '../shared';
import { BlastRadius } from './BlastRadius';
import { DeploymentWaves } from './DeploymentWaves';
import { UpstreamDownstreamTables } from './UpstreamDownstreamTables';
import { DependencyDepth, useEntityDependencies } from './useEntityDependencies';

const DEPTHS: DependencyDepth[] = [1, 2, 3, 'all'];

function depthLabel(depth: DependencyDepth, t: ReleaseCoordinationT): string {
  if (depth === 'all') {
    return t('dependencies.entity.anyHops');
  }
  return t('dependencies.entity.hops', { count: depth });
}

function DepthSelector(props: {
  depth: DependencyDepth;
  onChange: (depth: DependencyDepth) => void;
}) {
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <Box display="flex" alignItems="center" gridGap={8}>
      <Typography variant="body2" id="dependency-depth-label">
        {t('dependencies.entity.depth')}
      </Typography>
      <ToggleButtonGroup
        size="small"
        exclusive
        value={props.depth}
        aria-labelledby="dependency-depth-label"
        onChange={(_event, value: DependencyDepth | null) => {
          // Exclusive toggle groups report null when the selected button is pressed again.
          if (value !== null) props.onChange(value);
        }}
      >
        {DEPTHS.map(depth => (
          <ToggleButton
            key={depth}
            value={depth}
            aria-label={t('dependencies.entity.depthOption', { depth: String(depth) })}
          >
            {depth === 'all' ? t('dependencies.entity.depthAll') : depth}
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </Box>
  );
}

/**
 * The dependencies of a Component or Resource: upstream and downstream tables, the blast
 * radius of a change, the deployment order of it and its upstream, and its problems.
 */
export function EntityDependencies(props: { entityRef: string }) {
  const { entityRef } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const [depth, setDepth] = useState<DependencyDepth>(1);
  const { value, loading, error } = useEntityDependencies(entityRef, depth);

  // The entity first, then its upstream: the plan is for shipping this entity.
  const waveRefs = useMemo(
    () => (value ? [value.node?.ref ?? entityRef, ...value.upstream.map(item => item.ref)] : []),
    [value, entityRef],
  );

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    return isNotFoundError(error) ? (
      <NotInGraphState entityRef={entityRef} />
    ) : (
      <ResponseErrorPanel error={error} title={t('dependencies.entity.loadError')} />
    );
  }
  if (!value || value.snapshot.nodeCount === 0) {
    return <NotDerivedYetState />;
  }

  const entityOwner = value.node?.owner;
  const name = shortRef(entityRef, t);
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <Box
          display="flex"
          justifyContent="space-between"
          alignItems="center"
          flexWrap="wrap"
          gridGap={8}
        >
          <SnapshotAge snapshot={value.snapshot} />
          <DepthSelector depth={depth} onChange={setDepth} />
        </Box>
        {loading && <LinearProgress aria-label={t('dependencies.entity.loading')} />}
      </Grid>
      {value.problems.length > 0 && (
        <Grid item xs={12}>
          <DependencyProblemAlerts problems={value.problems} />
        </Grid>
      )}
      <Grid item xs={12}>
        <UpstreamDownstreamTables
          entityRef={entityRef}
          entityOwner={entityOwner}
          upstream={value.upstream}
          downstream={value.downstream}
          depthLabel={depthLabel(depth, t)}
        />
      </Grid>
      <Grid item xs={12} md={7}>
        <DeploymentWaves
          entityRef={value.node?.ref ?? entityRef}
          entityRefs={waveRefs}
          subheader={t('dependencies.entity.wavesSubheader', {
            term: (
              <DictionaryTerm id="deployment-wave">
                {t('dependencies.entity.wavesTerm')}
              </DictionaryTerm>
            ),
            name,
            depth: depthLabel(depth, t),
          })}
        />
      </Grid>
      <Grid item xs={12} md={5}>
        <BlastRadius entityRef={entityRef} entityOwner={entityOwner} />
      </Grid>
    </Grid>
  );
}
