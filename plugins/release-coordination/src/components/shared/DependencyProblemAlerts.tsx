import { Box } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import { DependencyProblem } from '@release-coordination/plugin-release-coordination-common';
import { CatalogRefLink, CatalogRefLinks } from './CatalogRefLink';
import { usePluginTranslation } from './translation';

function problemKey(problem: DependencyProblem): string {
  return problem.type === 'cycle'
    ? `cycle:${problem.members.join(',')}`
    : `${problem.type}:${JSON.stringify(problem)}`;
}

/** One problem the derivation found in the catalog, said in the words of the release domain. */
export function DependencyProblemAlert(props: { problem: DependencyProblem }) {
  const { problem } = props;
  const { t } = usePluginTranslation();
  switch (problem.type) {
    case 'cycle':
      return (
        <Alert severity="error">
          <AlertTitle>{t('shared.problems.cycle.title')}</AlertTitle>
          {t('shared.problems.cycle.text', {
            members: <CatalogRefLinks entityRefs={problem.members} />,
          })}
        </Alert>
      );
    case 'missing-owner': {
      const entity = <CatalogRefLink entityRef={problem.entityRef} />;
      return (
        <Alert severity="warning">
          <AlertTitle>{t('shared.problems.missingOwner.title')}</AlertTitle>
          {problem.ownerRef
            ? t('shared.problems.missingOwner.named', {
                entity,
                owner: <CatalogRefLink entityRef={problem.ownerRef} linkable={false} />,
              })
            : t('shared.problems.missingOwner.none', { entity })}
        </Alert>
      );
    }
    case 'unknown-ref':
      return (
        <Alert severity="warning">
          <AlertTitle>{t('shared.problems.unknownRef.title')}</AlertTitle>
          {t('shared.problems.unknownRef.text', {
            entity: <CatalogRefLink entityRef={problem.entityRef} />,
            relation: problem.relation,
            target: <CatalogRefLink entityRef={problem.targetRef} linkable={false} />,
          })}
        </Alert>
      );
    case 'self-reference':
      return (
        <Alert severity="info">
          <AlertTitle>{t('shared.problems.selfReference.title')}</AlertTitle>
          {t('shared.problems.selfReference.text', {
            entity: <CatalogRefLink entityRef={problem.entityRef} />,
            relation: problem.relation,
          })}
        </Alert>
      );
    case 'api-without-provider':
      return (
        <Alert severity="warning">
          <AlertTitle>{t('shared.problems.apiWithoutProvider.title')}</AlertTitle>
          {t('shared.problems.apiWithoutProvider.text', {
            entity: <CatalogRefLink entityRef={problem.entityRef} />,
            api: <CatalogRefLink entityRef={problem.apiRef} />,
          })}
        </Alert>
      );
    default:
      return null;
  }
}

/** The problems that concern an entity or scope, most severe first; nothing when there are none. */
export function DependencyProblemAlerts(props: { problems: DependencyProblem[] }) {
  const severity = (problem: DependencyProblem) => (problem.type === 'cycle' ? 0 : 1);
  const problems = [...props.problems].sort((a, b) => severity(a) - severity(b));
  if (problems.length === 0) {
    return null;
  }
  return (
    <Box display="flex" flexDirection="column" gridGap={8} data-testid="dependency-problems">
      {problems.map(problem => (
        <DependencyProblemAlert key={problemKey(problem)} problem={problem} />
      ))}
    </Box>
  );
}
