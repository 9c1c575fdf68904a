import { Chip, Typography } from '@material-ui/core';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { UNOWNED } from '@release-coordination/plugin-release-coordination-common';
import { isFullEntityRef, kindOfRef } from './refs';
import { usePluginTranslation } from './translation';

/**
 * A link to a catalog entity named by a dependency-graph ref. The graph also carries refs
 * that are not links: `unowned` for entities without an owner, refs the caller may not see
 * (masked by the backend) and refs of entities missing from the catalog.
 */
export function CatalogRefLink(props: { entityRef: string; linkable?: boolean }) {
  const { entityRef, linkable = true } = props;
  const { t } = usePluginTranslation();
  if (entityRef === UNOWNED) {
    return <Chip size="small" variant="outlined" label={t('shared.noOwner')} />;
  }
  if (!linkable || !isFullEntityRef(entityRef)) {
    return (
      <Typography component="code" variant="body2">
        {entityRef}
      </Typography>
    );
  }
  // The kind as default kind: the link then shows just the name, as the column says the kind.
  return <EntityRefLink entityRef={entityRef} defaultKind={kindOfRef(entityRef)} />;
}

/** Refs as links separated by commas, e.g. the members of a cycle. */
export function CatalogRefLinks(props: { entityRefs: string[] }) {
  return (
    <>
      {props.entityRefs.map((ref, index) => (
        <span key={ref}>
          {index > 0 && ', '}
          <CatalogRefLink entityRef={ref} />
        </span>
      ))}
    </>
  );
}
