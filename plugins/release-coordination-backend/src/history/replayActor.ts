import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  checkReportPermission,
  deploymentReportPermission,
  gateApprovePermission,
  trainCreatePermission,
  trainManagePermission,
} from '@release-coordination/plugin-release-coordination-common';
import { ReleaseCoordinationActor } from '@release-coordination/plugin-release-coordination-node';
import { Authorizer } from '../access';
import { authorizeWaiver } from '../gates/waiverAccess';
import { ReleaseCoordinationServices } from '../services';

/**
 * The plugin's operations as one principal, authorised the way the routes authorise the same
 * requests (the ambassador, or whoever the permission policy allows) before the services
 * apply the domain's rules.
 */
export function createReplayActor(options: {
  services: ReleaseCoordinationServices;
  access: Authorizer;
  credentials: BackstageCredentials;
}): ReleaseCoordinationActor {
  const { services, access, credentials } = options;
  const { trains, deployments, rollbacks, flags, retrospectives } = services;

  const asAmbassadorOr = async (
    permission: typeof trainManagePermission,
    trainId: string,
    refusal: string,
  ) =>
    access.authorizeAmbassadorOr(
      permission,
      await trains.getTrainRecord(trainId),
      credentials,
      refusal,
    );

  // The routes apply a conditional answer to the gate; the replay's policy answers outright.
  const decideOn = (gateId: string) =>
    access.authorizeOnResource(
      gateApprovePermission,
      gateId,
      undefined,
      credentials,
      'Not allowed to decide gates',
    );

  return {
    async createTrain(request) {
      await access.authorize(trainCreatePermission, credentials, 'Not allowed to create trains');
      return trains.createTrain(request, credentials);
    },
    getTrain: trainId => trains.getTrain(trainId),
    async addParticipant(trainId, request) {
      await asAmbassadorOr(trainManagePermission, trainId, 'Only the ambassador adds participants');
      return trains.addParticipant(trainId, request, credentials);
    },
    async approveGate(gateId, input) {
      await decideOn(gateId);
      return trains.approveGate(gateId, input, credentials);
    },
    async rejectGate(gateId, input) {
      await decideOn(gateId);
      return trains.rejectGate(gateId, input, credentials);
    },
    async waiveGate(gateId, input) {
      await authorizeWaiver(access, await trains.getGateWithTrain(gateId), credentials);
      return trains.waiveGate(gateId, input, credentials);
    },
    async reportCheck(trainId, request) {
      await access.authorize(checkReportPermission, credentials, 'Not allowed to report checks');
      return trains.reportCheck(trainId, request, credentials);
    },
    async advanceStage(trainId, input) {
      await asAmbassadorOr(trainManagePermission, trainId, 'Only the ambassador advances a train');
      return trains.advanceStage(trainId, input, credentials);
    },
    async rollBackTrain(trainId, input) {
      await asAmbassadorOr(trainManagePermission, trainId, 'Only the ambassador rolls a train back');
      return trains.rollBackTrain(trainId, input, credentials);
    },
    async reportDeployment(trainId, report) {
      await access.authorize(
        deploymentReportPermission,
        credentials,
        'Not allowed to report deployments',
      );
      return (await deployments.reportDeployment(trainId, report, credentials)).deployment;
    },
    saveRollbackPlan: (trainId, entityRef, plan) =>
      rollbacks.saveRollbackPlan(trainId, entityRef, plan, credentials),
    reportRollbackDrill: async drill => (await rollbacks.reportDrill(drill, credentials)).drill,
    createFlag: (trainId, request) => flags.createFlag(trainId, request, credentials),
    updateFlag: (flagId, request) => flags.updateFlag(flagId, request, credentials),
    addRetrospectiveNote: (trainId, request) =>
      retrospectives.addNote(trainId, request, credentials),
    createActionItem: (trainId, request) =>
      retrospectives.createActionItem(trainId, request, credentials),
    updateActionItem: (itemId, request) =>
      retrospectives.updateActionItem(itemId, request, credentials),
  };
}
