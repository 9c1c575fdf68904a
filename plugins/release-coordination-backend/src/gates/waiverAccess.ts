import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { gateWaivePermission } from '@release-coordination/plugin-release-coordination-common';
import { Authorizer, TrainAccess } from '../access';
import { GateRecord, TrainRecord } from '../trains/TrainStore';

/**
 * Who may waive a gate. An owner's approval is never set aside by whoever runs the train: the
 * owning team decides it, or whoever the policy lets waive (a release manager). Check and rule
 * gates may also be waived by whoever the policy lets manage the train (e.g. its ambassador,
 * by a condition on the train). Throws `NotAllowedError` saying who decides.
 */
export async function authorizeWaiver(
  deps: {
    access: Pick<Authorizer, 'authorize' | 'isAllowed'>;
    trainAccess: Pick<TrainAccess, 'mayManage'>;
  },
  target: { gate: GateRecord; train: TrainRecord },
  credentials: BackstageCredentials,
): Promise<void> {
  const { access, trainAccess } = deps;
  const { gate, train } = target;
  if (gate.kind === 'approval') {
    await access.authorize(
      gateWaivePermission,
      credentials,
      `'${gate.config.title}' is decided by members of ${gate.config.approverRef ?? 'its owning team'}; ` +
        'only a release manager can waive it',
    );
    return;
  }
  if (await access.isAllowed(gateWaivePermission, credentials)) return;
  if (await trainAccess.mayManage(train.id, credentials)) return;
  throw new NotAllowedError(
    `Only the ambassador of '${train.name}' or a release manager can waive its gates`,
  );
}
