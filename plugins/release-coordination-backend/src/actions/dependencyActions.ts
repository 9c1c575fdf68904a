import { ReachedEntity } from '@release-coordination/plugin-release-coordination-common';
import { parseInput, entityRef } from '../http/validation';
import { ActionOptions } from './options';

const reached = (item: ReachedEntity) => ({
  ref: item.ref,
  ...(item.owner ? { owner: item.owner } : {}),
});

/** Questions about the dependency graph derived from the catalog. */
export function registerDependencyActions(options: ActionOptions): void {
  const { registry, queries } = options;

  registry.register({
    name: 'get-entity-dependencies',
    title: 'Get the dependencies of an entity',
    description:
      'For anyone signed in, as the dependency routes answer: what one catalog entity directly ' +
      'depends on and what directly depends on it, with their owners, and its blast radius (every ' +
      'entity a change to it may affect, transitively, grouped by owning team), from the latest ' +
      'dependency graph derived from the catalog. Entities the caller may not see in the ' +
      'catalog are left out; an entity the caller may not see is answered as not in the graph.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .max(512)
            .describe('A full entity ref, e.g. component:default/payments'),
        }),
      output: z => {
        const entity = z.object({
          ref: z.string(),
          owner: z.string().optional(),
        });
        return z.object({
          entityRef: z.string(),
          snapshot: z.object({
            version: z.number(),
            derivedAt: z
              .string()
              .describe('When the graph was derived from the catalog'),
          }),
          dependencies: z
            .array(entity)
            .describe('What the entity depends on directly'),
          dependents: z
            .array(entity)
            .describe('What depends on the entity directly'),
          blastRadius: z.object({
            totalCount: z.number(),
            byOwner: z.array(
              z.object({ owner: z.string(), entityRefs: z.array(z.string()) }),
            ),
          }),
        });
      },
    },
    action: async ({ input, credentials }) => {
      const ref = parseInput(entityRef, input.entityRef, 'entityRef');
      // One hop each way: direct dependencies and dependents, as the route's depth=1.
      const direct = await queries.entityDependencies(
        ref,
        1,
        credentials,
        'both',
      );
      const radius = await queries.blastRadius(ref, credentials);
      return {
        output: {
          entityRef: ref,
          snapshot: {
            version: direct.snapshot.version,
            derivedAt: direct.snapshot.derivedAt,
          },
          dependencies: direct.upstream.map(reached),
          dependents: direct.downstream.map(reached),
          blastRadius: {
            totalCount: radius.totalCount,
            byOwner: radius.groups.map(group => ({
              owner: group.owner,
              entityRefs: group.entities.map(entity => entity.ref),
            })),
          },
        },
      };
    },
  });
}
