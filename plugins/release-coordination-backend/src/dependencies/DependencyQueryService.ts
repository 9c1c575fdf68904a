import { AuthService, BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BlastRadiusResponse,
  DependencyEdge,
  DependencyEdgesResponse,
  DependencyProblem,
  DependencySnapshotResponse,
  DeploymentWavesResponse,
  EntityDependenciesResponse,
  OwnershipResponse,
  ReachedEntity,
  TeamMatrixResponse,
  UNOWNED,
} from '@release-coordination/plugin-release-coordination-common';
import {
  blastRadius,
  DependencyIndex,
  DependencyScope,
  deploymentWaves,
  downstreamOf,
  edgesTouching,
  isCrossTeam,
  ownershipOf,
  resolveScope,
  teamMatrix,
  upstreamOf,
} from './graph';
import { DependencySnapshotService, snapshotInfo } from './DependencySnapshotService';
import { EntityVisibility, resolveVisibility } from './visibility';
import { hiddenCounts } from '../access/visibility';

/** Which edges of a scope to list, and which page of them. */
export interface DependencyEdgesRequest {
  scope: DependencyScope;
  fromTeam?: string;
  toTeam?: string;
  crossTeamOnly: boolean;
  limit: number;
  offset: number;
}

/** The questions people ask of the dependency graph, answered for one caller. */
export interface DependencyQueryService {
  entityDependencies(
    ref: string,
    depth: number,
    credentials: BackstageCredentials,
    direction?: 'upstream' | 'downstream' | 'both',
  ): Promise<EntityDependenciesResponse>;
  teamMatrix(scope: DependencyScope, scopeParam: string, credentials: BackstageCredentials): Promise<TeamMatrixResponse>;
  edges(request: DependencyEdgesRequest, credentials: BackstageCredentials): Promise<DependencyEdgesResponse>;
  blastRadius(ref: string, credentials: BackstageCredentials): Promise<BlastRadiusResponse>;
  deploymentWaves(refs: string[], credentials: BackstageCredentials): Promise<DeploymentWavesResponse>;
  ownership(ref: string, credentials: BackstageCredentials): Promise<OwnershipResponse>;
  /** The snapshot's problems without those naming an entity the caller may not see, counted. */
  visibleProblems(
    problems: DependencyProblem[],
    credentials: BackstageCredentials,
  ): Promise<Pick<DependencySnapshotResponse, 'problems' | 'hidden'>>;
}

/** The entity refs of a graph walk's results that a caller must be allowed to see. */
function refsOfReached(items: ReachedEntity[]): string[] {
  return items.flatMap(item => [
    item.ref,
    ...item.path,
    item.via.from,
    item.via.to,
    ...item.via.apis,
    ...(item.owner ? [item.owner] : []),
  ]);
}

function redactEdge(edge: DependencyEdge, visibility: EntityVisibility): DependencyEdge {
  return {
    from: visibility.redact(edge.from),
    to: visibility.redact(edge.to),
    dependsOn: edge.dependsOn,
    apis: edge.apis.filter(api => visibility.isVisible(api)),
  };
}

/** Hidden entities are left out; hidden steps of a visible entity's path are masked. */
function redactReached(items: ReachedEntity[], visibility: EntityVisibility): ReachedEntity[] {
  return items
    .filter(item => visibility.isVisible(item.ref))
    .map(item => ({
      ...item,
      owner: item.owner && visibility.redact(item.owner),
      path: item.path.map(ref => visibility.redact(ref)),
      via: redactEdge(item.via, visibility),
    }));
}

function problemConcerns(problem: DependencyProblem, refs: Set<string>): boolean {
  return problem.type === 'cycle'
    ? problem.members.some(member => refs.has(member))
    : refs.has(problem.entityRef);
}

function problemRefs(problem: DependencyProblem): string[] {
  switch (problem.type) {
    case 'cycle':
      return problem.members;
    case 'unknown-ref':
      return [problem.entityRef];
    case 'missing-owner':
      return [problem.entityRef];
    case 'self-reference':
      return [problem.entityRef];
    case 'api-without-provider':
      return [problem.entityRef, problem.apiRef];
    default:
      return [];
  }
}

/** The nodes an entity page stands for: the node itself, or a System's, Domain's or Group's nodes. */
function memberNodes(index: DependencyIndex, ref: string): string[] | undefined {
  if (index.node(ref)) return [ref];
  const [kind] = ref.split(':');
  if (kind === 'system' || kind === 'domain' || kind === 'group') {
    return resolveScope(index, { type: kind, ref } as DependencyScope);
  }
  return undefined;
}

/** What every answer needs: the current snapshot, and what the caller may see of it. */
interface QueryContext {
  snapshots: DependencySnapshotService;
  visibilityOf(credentials: BackstageCredentials, refs: Iterable<string>): Promise<EntityVisibility>;
}

/** The nodes and edges of a scope that the caller can see; not found when the scope is hidden. */
async function scopeEdges(
  context: QueryContext,
  index: DependencyIndex,
  scope: DependencyScope,
  credentials: BackstageCredentials,
) {
  const nodes = resolveScope(index, scope);
  if (!nodes) {
    throw new NotFoundError(`No ${scope.type} ${'ref' in scope ? scope.ref : ''} in the catalog`);
  }
  const edges = edgesTouching(index, nodes);
  const endpoints = [...nodes, ...edges.flatMap(edge => [edge.from, edge.to])];
  // Their owning teams too: the team matrix names them.
  const owners = endpoints.map(ref => index.ownerOf(ref)).filter(owner => owner !== UNOWNED);
  const visibility = await context.visibilityOf(credentials, [
    ...endpoints,
    ...owners,
    ...('ref' in scope ? [scope.ref] : []),
  ]);
  if ('ref' in scope && !visibility.isVisible(scope.ref)) {
    throw new NotFoundError(`No ${scope.type} ${scope.ref} in the catalog`);
  }
  // Aggregates count only what the caller can see, so that they reveal nothing hidden.
  return {
    nodes: nodes.filter(ref => visibility.isVisible(ref)),
    edges: edges.filter(edge => visibility.isVisible(edge.from) && visibility.isVisible(edge.to)),
    visibility,
  };
}

async function entityDependencies(
  context: QueryContext,
  ref: string,
  depth: number,
  credentials: BackstageCredentials,
  direction: 'upstream' | 'downstream' | 'both' = 'both',
): Promise<EntityDependenciesResponse> {
  const { meta, index } = await context.snapshots.current();
  const members = memberNodes(index, ref);
  if (!members) {
    throw new NotFoundError(`${ref} is not in the dependency graph`);
  }
  const maxDepth = depth === 0 ? Infinity : depth;
  const upstream = direction === 'downstream' ? [] : upstreamOf(index, members, { maxDepth });
  const downstream = direction === 'upstream' ? [] : downstreamOf(index, members, { maxDepth });
  const memberSet = new Set(members);
  const problems = index.graph.problems.filter(problem => problemConcerns(problem, memberSet));
  const visibility = await context.visibilityOf(credentials, [
    ref,
    ...(index.node(ref)?.owner ? [index.node(ref)!.owner!] : []),
    ...members,
    ...refsOfReached(upstream),
    ...refsOfReached(downstream),
    ...problems.flatMap(problemRefs),
  ]);
  if (!visibility.isVisible(ref)) {
    throw new NotFoundError(`${ref} is not in the dependency graph`);
  }
  const node = index.node(ref);
  return {
    snapshot: snapshotInfo(meta),
    ...(node ? { node: { ...node, owner: node.owner && visibility.redact(node.owner) } } : {}),
    upstream: redactReached(upstream, visibility),
    downstream: redactReached(downstream, visibility),
    problems: problems
      .map(problem =>
        problem.type === 'cycle'
          ? { ...problem, members: problem.members.map(m => visibility.redact(m)) }
          : problem,
      )
      .filter(problem => problem.type === 'cycle' || visibility.isVisible(problem.entityRef)),
  };
}

async function teamMatrixAnswer(
  context: QueryContext,
  scope: DependencyScope,
  scopeParam: string,
  credentials: BackstageCredentials,
): Promise<TeamMatrixResponse> {
  const { meta, index } = await context.snapshots.current();
  const { nodes, edges, visibility } = await scopeEdges(context, index, scope, credentials);
  const nodeSet = new Set(nodes);
  const matrix = teamMatrix(index, edges);
  const redactTeam = (team: string) => (team === UNOWNED ? team : visibility.redact(team));
  return {
    snapshot: snapshotInfo(meta),
    scope: scopeParam,
    matrix: {
      teams: [...new Set(matrix.teams.map(redactTeam))],
      cells: matrix.cells.map(cell => ({
        ...cell,
        fromTeam: redactTeam(cell.fromTeam),
        toTeam: redactTeam(cell.toTeam),
      })),
    },
    nodeCount: nodes.length,
    edgeCount: edges.length,
    crossTeamEdgeCount: edges.filter(edge => isCrossTeam(index, edge)).length,
    unowned: nodes.filter(ref => {
      const owner = index.node(ref)?.owner;
      return !owner || (!index.group(owner) && !index.user(owner));
    }),
    cycles: index.cycles
      .filter(cycle => cycle.some(member => nodeSet.has(member)))
      .map(cycle => cycle.map(member => visibility.redact(member))),
  };
}

async function edgesAnswer(
  context: QueryContext,
  request: DependencyEdgesRequest,
  credentials: BackstageCredentials,
): Promise<DependencyEdgesResponse> {
  const { meta, index } = await context.snapshots.current();
  const { edges, visibility } = await scopeEdges(context, index, request.scope, credentials);
  const matching = edges.filter(
    edge =>
      (!request.fromTeam || index.ownerOf(edge.from) === request.fromTeam) &&
      (!request.toTeam || index.ownerOf(edge.to) === request.toTeam) &&
      (!request.crossTeamOnly || isCrossTeam(index, edge)),
  );
  return {
    snapshot: snapshotInfo(meta),
    totalCount: matching.length,
    items: matching.slice(request.offset, request.offset + request.limit).map(edge => ({
      ...redactEdge(edge, visibility),
      fromOwner: index.node(edge.from)?.owner && visibility.redact(index.ownerOf(edge.from)),
      toOwner: index.node(edge.to)?.owner && visibility.redact(index.ownerOf(edge.to)),
    })),
  };
}

async function blastRadiusAnswer(
  context: QueryContext,
  ref: string,
  credentials: BackstageCredentials,
): Promise<BlastRadiusResponse> {
  const { meta, index } = await context.snapshots.current();
  const members = memberNodes(index, ref);
  if (!members) throw new NotFoundError(`${ref} is not in the dependency graph`);
  const groups = blastRadius(index, members);
  const visibility = await context.visibilityOf(credentials, [
    ref,
    ...groups.flatMap(group => [group.owner, ...refsOfReached(group.entities)]),
  ]);
  if (!visibility.isVisible(ref)) throw new NotFoundError(`${ref} is not in the dependency graph`);
  const visibleGroups = groups
    .map(group => ({
      owner: group.owner === UNOWNED ? UNOWNED : visibility.redact(group.owner),
      entities: redactReached(group.entities, visibility),
    }))
    .filter(group => group.entities.length > 0);
  return {
    snapshot: snapshotInfo(meta),
    entityRef: ref,
    totalCount: visibleGroups.reduce((sum, group) => sum + group.entities.length, 0),
    groups: visibleGroups,
  };
}

async function deploymentWavesAnswer(
  context: QueryContext,
  refs: string[],
  credentials: BackstageCredentials,
): Promise<DeploymentWavesResponse> {
  const { meta, index } = await context.snapshots.current();
  const visibility = await context.visibilityOf(credentials, refs);
  // What the caller cannot see is reported like what does not exist.
  const visible = refs.filter(ref => visibility.isVisible(ref));
  const hidden = refs.filter(ref => !visibility.isVisible(ref));
  const plan = deploymentWaves(index, visible);
  return {
    snapshot: snapshotInfo(meta),
    plan: { ...plan, unknown: [...plan.unknown, ...hidden].sort() },
  };
}

/** The graph's problems the caller may see in full; the others only counted. */
async function visibleProblemsAnswer(
  context: QueryContext,
  problems: DependencyProblem[],
  credentials: BackstageCredentials,
) {
  const visibility = await context.visibilityOf(credentials, problems.flatMap(problemRefs));
  const shown = problems.filter(problem =>
    problemRefs(problem).every(ref => visibility.isVisible(ref)),
  );
  return {
    problems: shown,
    ...hiddenCounts({ problems: problems.length - shown.length }),
  };
}


async function ownershipAnswer(
  context: QueryContext,
  ref: string,
  credentials: BackstageCredentials,
): Promise<OwnershipResponse> {
  const { meta, index } = await context.snapshots.current();
  const info = ownershipOf(index, ref);
  if (!info) throw new NotFoundError(`${ref} is not in the dependency graph`);
  const visibility = await context.visibilityOf(credentials, [
    ref,
    ...(info.owner ? [info.owner] : []),
    ...(info.ownerGroup ? [info.ownerGroup.ref, ...info.ownerGroup.members] : []),
    ...info.members.map(member => member.ref),
    ...info.escalationPath.map(group => group.ref),
    ...info.owns,
    ...info.dependsOnTeams.map(team => team.team),
    ...info.dependedOnByTeams.map(team => team.team),
  ]);
  if (!visibility.isVisible(ref)) throw new NotFoundError(`${ref} is not in the dependency graph`);
  const visibleTeam = (team: { team: string }) =>
    team.team === UNOWNED || visibility.isVisible(team.team);
  return {
    snapshot: snapshotInfo(meta),
    ownership: {
      ...info,
      owner: info.owner && visibility.redact(info.owner),
      ownerGroup: info.ownerGroup && visibility.isVisible(info.ownerGroup.ref)
        ? { ...info.ownerGroup, members: info.ownerGroup.members.filter(m => visibility.isVisible(m)) }
        : undefined,
      members: info.members.filter(member => visibility.isVisible(member.ref)),
      escalationPath: info.escalationPath.filter(group => visibility.isVisible(group.ref)),
      owns: info.owns.filter(owned => visibility.isVisible(owned)),
      dependsOnTeams: info.dependsOnTeams.filter(visibleTeam),
      dependedOnByTeams: info.dependedOnByTeams.filter(visibleTeam),
    },
  };
}

/**
 * The dependency questions of the API, each answered from the current snapshot and redacted to
 * what the caller may see (one function per question above).
 */
export function createDependencyQueryService(options: {
  snapshots: DependencySnapshotService;
  auth: AuthService;
  catalog: CatalogService;
}): DependencyQueryService {
  const { snapshots, auth, catalog } = options;
  const context: QueryContext = {
    snapshots,
    visibilityOf: (credentials, refs) => resolveVisibility({ auth, catalog, credentials, refs }),
  };
  return {
    entityDependencies: (ref, depth, credentials, direction) =>
      entityDependencies(context, ref, depth, credentials, direction),
    teamMatrix: (scope, scopeParam, credentials) =>
      teamMatrixAnswer(context, scope, scopeParam, credentials),
    edges: (request, credentials) => edgesAnswer(context, request, credentials),
    blastRadius: (ref, credentials) => blastRadiusAnswer(context, ref, credentials),
    deploymentWaves: (refs, credentials) => deploymentWavesAnswer(context, refs, credentials),
    ownership: (ref, credentials) => ownershipAnswer(context, ref, credentials),
    visibleProblems: (problems, credentials) =>
      visibleProblemsAnswer(context, problems, credentials),
  };
}
