import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { gateWaivePermission } from '@release-coordination/plugin-release-coordination-common';
import { Authorizer } from '../access';
import { GateRecord, TrainRecord } from '../trains/TrainStore';

/**
 * Who may waive a gate. An owner's approval is never set aside by the ambassador alone: the
 * owning team decides it, or whoever the policy lets waive (a release manager). Check and rule
 * gates the ambassador may waive too. Throws `NotAllowedError` saying who decides.
 */
export async function authorizeWaiver(
  access: Pick<Authorizer, 'authorize' | 'authorizeAmbassadorOr'>,
  target: { gate: GateRecord; train: TrainRecord },
  credentials: BackstageCredentials,
): Promise<void> {
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
  await access.authorizeAmbassadorOr(
    gateWaivePermission,
    train,
    credentials,
    `Only the ambassador of '${train.name}' or a release manager can waive its gates`,
  );
}
