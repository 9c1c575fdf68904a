import { Box } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import { DependencyProblem } from '@release-coordination/plugin-release-coordination-common';
import { CatalogRefLink, CatalogRefLinks } from './CatalogRefLink';

function problemKey(problem: DependencyProblem): string {
  return problem.type === 'cycle'
    ? `cycle:${problem.members.join(',')}`
    : `${problem.type}:${JSON.stringify(problem)}`;
}

/** One problem the derivation found in the catalog, said in the words of the release domain. */
export function DependencyProblemAlert(props: { problem: DependencyProblem }) {
  const { problem } = props;
  switch (problem.type) {
    case 'cycle':
      return (
        <Alert severity="error">
          <AlertTitle>Dependency cycle</AlertTitle>
          <CatalogRefLinks entityRefs={problem.members} /> depend on each other in a circle, so
          no deployment order can ship one before the others: they must be released together,
          or the cycle broken.
        </Alert>
      );
    case 'missing-owner':
      return (
        <Alert severity="warning">
          <AlertTitle>Missing owner</AlertTitle>
          <CatalogRefLink entityRef={problem.entityRef} />{' '}
          {problem.ownerRef ? (
            <>
              names the owner <CatalogRefLink entityRef={problem.ownerRef} linkable={false} />,
              which is not a known group or user. Nobody can approve its gates.
            </>
          ) : (
            <>has no owner. Nobody can approve its gates.</>
          )}
        </Alert>
      );
    case 'unknown-ref':
      return (
        <Alert severity="warning">
          <AlertTitle>Unknown entity</AlertTitle>
          <CatalogRefLink entityRef={problem.entityRef} /> has a {problem.relation} relation to{' '}
          <CatalogRefLink entityRef={problem.targetRef} linkable={false} />, which is not in the
          catalog; that dependency is left out of the graph.
        </Alert>
      );
    case 'self-reference':
      return (
        <Alert severity="info">
          <AlertTitle>Self-reference</AlertTitle>
          <CatalogRefLink entityRef={problem.entityRef} /> depends on itself ({problem.relation});
          the relation is ignored.
        </Alert>
      );
    case 'api-without-provider':
      return (
        <Alert severity="warning">
          <AlertTitle>API without provider</AlertTitle>
          <CatalogRefLink entityRef={problem.entityRef} /> consumes{' '}
          <CatalogRefLink entityRef={problem.apiRef} />, which no entity provides.
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
