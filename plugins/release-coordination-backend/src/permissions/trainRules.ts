import { createPermissionRule } from '@backstage/plugin-permission-node';
import { normalizeEntityRef } from '@release-coordination/plugin-release-coordination-common';
import { z } from 'zod';
import { trainPermissionResourceRef } from './trainResource';

const claims = z
  .array(z.string())
  .describe('Entity refs, e.g. the user and their Groups (their ownership refs)');

const normalized = (refs: string[]) => refs.map(ref => normalizeEntityRef(ref));

/**
 * Passes for a train whose ambassador is one of the claims. A policy hands in the user's
 * ownership refs (which include the user's own ref), so the ambassador runs their train.
 *
 * @public
 */
export const isAmbassador = createPermissionRule({
  name: 'IS_AMBASSADOR',
  description: 'Allow trains whose ambassador is one of the given claims',
  resourceRef: trainPermissionResourceRef,
  paramsSchema: z.object({ claims }),
  apply: (train, params) => {
    const ambassadorRef = normalizeEntityRef(train.ambassadorRef, 'user');
    return normalized(params.claims).includes(ambassadorRef);
  },
  toQuery: params => ({ key: 'ambassadorRef', values: normalized(params.claims) }),
});

/**
 * Passes for a train with a participant owned by one of the claims, as the catalog's
 * `IS_ENTITY_OWNER` does for entities: a policy hands in the user's ownership refs to let the
 * teams taking part help run the train. The owner is the one last taken from the catalog.
 *
 * @public
 */
export const hasParticipantOwnedBy = createPermissionRule({
  name: 'HAS_PARTICIPANT_OWNED_BY',
  description: 'Allow trains with a participant owned by one of the given claims',
  resourceRef: trainPermissionResourceRef,
  paramsSchema: z.object({ claims }),
  apply: (train, params) => {
    const owners = new Set(normalized(params.claims));
    return train.participants.some(
      participant =>
        participant.ownerRef !== undefined && owners.has(normalizeEntityRef(participant.ownerRef)),
    );
  },
  toQuery: params => ({ key: 'participantOwnerRef', values: normalized(params.claims) }),
});

/** Every permission rule on trains, by the name policies use in condition exports. */
export const trainPermissionRules = { isAmbassador, hasParticipantOwnedBy };
