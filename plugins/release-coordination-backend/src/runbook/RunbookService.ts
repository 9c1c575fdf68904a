import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  normalizeEntityRef,
  RunbookContact,
  RunbookEscalation,
  RunbookOnCall,
  RunbookRollbackStep,
  TrainRunbook,
} from '@release-coordination/plugin-release-coordination-common';
import { CallerVisibility, hiddenCounts } from '../access/visibility';
import { DependencySnapshotService } from '../dependencies/DependencySnapshotService';
import { deploymentWaves } from '../dependencies/graph';
import { requireTrain, TrainLookup } from '../outcomes/access';
import { OutcomeStore } from '../outcomes/OutcomeStore';
import { ON_CALL_ANNOTATIONS, RunbookSettings } from './config';

/** Keeps catalog look-ups to pages of a reasonable size. */
const LOOKUP_CHUNK = 200;

/** A train's runbook, assembled from the train, its rollback plans and the catalog. */
export interface RunbookService {
  /** 404 for an unknown train. What the caller may not see in the catalog is left out. */
  runbook(
    trainId: string,
    caller: { credentials: BackstageCredentials; visibility: CallerVisibility },
  ): Promise<TrainRunbook>;
}

export function createRunbookService(options: {
  trains: TrainLookup;
  outcomes: Pick<OutcomeStore, 'listRollbackPlans'>;
  snapshots: Pick<DependencySnapshotService, 'current'>;
  catalog: CatalogService;
  settings: RunbookSettings;
}): RunbookService {
  const { trains, outcomes, snapshots, catalog, settings } = options;

  /** The catalog's entities by ref, as the caller may read them. */
  async function entitiesOf(refs: string[], credentials: BackstageCredentials) {
    const found = new Map<string, Entity>();
    const unique = [...new Set(refs)];
    for (let i = 0; i < unique.length; i += LOOKUP_CHUNK) {
      const chunk = unique.slice(i, i + LOOKUP_CHUNK);
      const { items } = await catalog.getEntitiesByRefs(
        {
          entityRefs: chunk,
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.title',
            'metadata.annotations',
            'metadata.links',
            'spec.profile',
          ],
        },
        { credentials },
      );
      for (const entity of items) {
        if (entity)
          found.set(normalizeEntityRef(stringifyEntityRef(entity)), entity);
      }
    }
    return found;
  }

  function onCallOf(
    entityRef: string,
    entity: Entity | undefined,
  ): RunbookOnCall[] {
    const annotations = entity?.metadata.annotations ?? {};
    return ON_CALL_ANNOTATIONS.flatMap(annotation => {
      const value = annotations[annotation];
      if (!value) return [];
      const link = settings.onCallLinks[annotation];
      return [
        {
          annotation,
          value,
          entityRef,
          ...(link
            ? { url: link.replace('{value}', encodeURIComponent(value)) }
            : {}),
        },
      ];
    });
  }

  function contactOf(
    ref: string,
    role: RunbookContact['role'],
    entity: Entity,
  ): RunbookContact {
    const profile = (
      entity.spec as
        { profile?: { displayName?: string; email?: string } } | undefined
    )?.profile;
    const title = profile?.displayName ?? entity.metadata.title;
    return {
      ref,
      role,
      ...(title ? { title } : {}),
      ...(profile?.email ? { email: profile.email } : {}),
      links: (entity.metadata.links ?? []).map(link => ({
        title: link.title ?? link.url,
        url: link.url,
      })),
    };
  }

  return {
    async runbook(trainId, caller) {
      const { train, participants } = await requireTrain(trains, trainId);
      const [{ index }, plans] = await Promise.all([
        snapshots.current(),
        outcomes.listRollbackPlans(trainId),
      ]);
      const visibility = await caller.visibility.of(
        participants.map(p => p.entityRef),
      );
      const seen = participants.filter(p => visibility.isVisible(p.entityRef));
      const planOf = new Map(plans.map(plan => [plan.entityRef, plan]));

      // Reverse wave order: what deployed last rolls back first.
      const waves = deploymentWaves(
        index,
        seen.map(p => p.entityRef),
      ).waves;
      const waveOf = new Map<string, number>();
      for (const wave of waves)
        for (const member of wave.members) waveOf.set(member, wave.index + 1);
      const ordered = [...seen].sort(
        (a, b) =>
          (waveOf.get(b.entityRef) ?? 0) - (waveOf.get(a.entityRef) ?? 0) ||
          a.entityRef.localeCompare(b.entityRef),
      );
      const rollbackSteps: RunbookRollbackStep[] = ordered.map(
        (participant, i) => {
          const plan = planOf.get(participant.entityRef);
          const owner =
            participant.ownerRef ?? index.node(participant.entityRef)?.owner;
          return {
            order: i + 1,
            wave: waveOf.get(participant.entityRef) ?? 1,
            entityRef: participant.entityRef,
            targetVersion: participant.targetVersion,
            ...(owner ? { ownerRef: owner } : {}),
            ...(plan
              ? { criteria: plan.criteria, procedureUrl: plan.procedureUrl }
              : {}),
          };
        },
      );

      // Owner, then the Groups above it, as the catalog lets the caller read them.
      const chains = new Map(
        rollbackSteps.map(step => {
          const owner = step.ownerRef;
          const chain = owner
            ? [owner, ...index.ancestorGroups(owner).map(group => group.ref)]
            : [];
          return [step.entityRef, chain];
        }),
      );
      const entities = await entitiesOf(
        [
          ...rollbackSteps.map(step => step.entityRef),
          ...[...chains.values()].flat(),
        ],
        caller.credentials,
      );
      const escalation: RunbookEscalation[] = rollbackSteps.map(step => {
        const chain = chains.get(step.entityRef) ?? [];
        const contacts = chain.flatMap((ref, i) => {
          const entity = entities.get(normalizeEntityRef(ref));
          return entity
            ? [contactOf(ref, i === 0 ? 'owner' : 'parent', entity)]
            : [];
        });
        const owner = chain[0];
        return {
          entityRef: step.entityRef,
          contacts,
          onCall: [
            ...onCallOf(step.entityRef, entities.get(step.entityRef)),
            ...(owner
              ? onCallOf(owner, entities.get(normalizeEntityRef(owner)))
              : []),
          ],
        };
      });

      return {
        trainId: train.id,
        rollbackSteps,
        escalation,
        decisionTree: settings.decisionTree,
        ...hiddenCounts({ participants: participants.length - seen.length }),
      };
    },
  };
}
