import { GateResource } from '../permissions/gateResource';

/**
 * The planning gate in which team-pay confirms that payments takes part, as permission rules
 * see it: the approver is the participant's owner Group.
 */
export const PAYMENTS_PARTICIPATION_GATE: GateResource = {
  id: '6f1d2c1e-0d55-4c59-9a55-0c1f2a3b4c5d',
  trainId: 'a2b5c3d4-1111-4222-8333-944455566677',
  stage: 'planning',
  phase: 'exit',
  templateId: 'participation',
  title: 'Participation confirmed',
  kind: 'approval',
  participantRef: 'component:default/payments',
  approverRef: 'group:default/team-pay',
  state: 'pending',
};

