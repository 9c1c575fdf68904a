import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Box, Chip, Tooltip } from '@material-ui/core';
import { DependencyEdge } from '@release-coordination/plugin-release-coordination-common';
import { releaseCoordinationTranslationRef } from '../../translations';
import { CatalogRefLink } from '../shared';

/**
 * Why one entity depends on another: a declared `dependsOn`, and/or the APIs that one
 * consumes and the other provides.
 */
export function DependencyVia(props: { edge: DependencyEdge }) {
  const { edge } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <Box display="flex" flexWrap="wrap" alignItems="center" gridGap={6}>
      {edge.dependsOn && (
        <Tooltip title={t('dependencies.via.dependsOnTooltip')}>
          <Chip size="small" label="dependsOn" />
        </Tooltip>
      )}
      {edge.apis.map(api => (
        <CatalogRefLink key={api} entityRef={api} />
      ))}
    </Box>
  );
}
