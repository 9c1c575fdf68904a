import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  checkReportPermission,
  deploymentReportPermission,
  gateApprovePermission,
  incidentReportPermission,
  trainCreatePermission,
} from '@release-coordination/plugin-release-coordination-common';
import { ReleaseCoordinationActor } from '@release-coordination/plugin-release-coordination-node';
import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Authorizer } from '../access';
import { authorizeAmbassadorChoice } from '../trains/ambassadorChoice';
import { authorizeWaiver } from '../gates/waiverAccess';
import { ReleaseCoordinationServices } from '../services';

/**
 * The plugin's operations as one principal, authorised the way the routes authorise the same
 * requests (whoever the permission policy allows, conditions applied on the train or gate)
 * before the services apply the domain's rules.
 */
export function createReplayActor(options: {
  services: ReleaseCoordinationServices;
  access: Authorizer;
  credentials: BackstageCredentials;
  /** Where named ambassadors are looked up, as the plugin itself: replayed people have no token. */
  catalog: Pick<CatalogService, 'getEntityByRef'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
}): ReleaseCoordinationActor {
  const { services, access, credentials, catalog, auth } = options;
  const { trains, deployments, rollbacks, flags, retrospectives, incidents, trainAccess } =
    services;
  const { reviews } = services;

  const managing = (trainId: string, refusal: string) =>
    trainAccess.authorizeManaging(trainId, credentials, refusal);

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
      await authorizeAmbassadorChoice(
        { trainAccess, catalog },
        request.ambassadorRef,
        credentials,
        await auth.getOwnServiceCredentials(),
      );
      return trains.createTrain(request, credentials);
    },
    getTrain: trainId => trains.getTrain(trainId),
    async addParticipant(trainId, request) {
      await managing(trainId, 'Only the ambassador adds participants');
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
      await authorizeWaiver(
        { access, trainAccess },
        await trains.getGateWithTrain(gateId),
        credentials,
      );
      return trains.waiveGate(gateId, input, credentials);
    },
    async reportCheck(trainId, request) {
      await access.authorize(checkReportPermission, credentials, 'Not allowed to report checks');
      return trains.reportCheck(trainId, request, credentials);
    },
    async advanceStage(trainId, input) {
      await managing(trainId, 'Only the ambassador advances a train');
      return trains.advanceStage(trainId, input, credentials);
    },
    async rollBackTrain(trainId, input) {
      await managing(trainId, 'Only the ambassador rolls a train back');
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
    signOffReview: (trainId, request) => reviews.signOff(trainId, request, credentials),
    reportRollbackDrill: async drill => (await rollbacks.reportDrill(drill, credentials)).drill,
    createFlag: (trainId, request) => flags.createFlag(trainId, request, credentials),
    updateFlag: (flagId, request) => flags.updateFlag(flagId, request, credentials),
    addRetrospectiveNote: (trainId, request) =>
      retrospectives.addNote(trainId, request, credentials),
    createActionItem: (trainId, request) =>
      retrospectives.createActionItem(trainId, request, credentials),
    updateActionItem: (itemId, request) =>
      retrospectives.updateActionItem(itemId, request, credentials),
    async reportIncident(report) {
      await access.authorize(incidentReportPermission, credentials, 'Not allowed to report incidents');
      return (await incidents.reportIncident(report, credentials)).incident;
    },
    // Owners decide their incidents' cause; the service checks it.
    attributeIncident: (incidentId, decision) =>
      incidents.attributeIncident(incidentId, decision, credentials),
  };
}
