import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  DeploymentOutcome,
  Page,
  ReportDeploymentRequest,
} from '@release-coordination/plugin-release-coordination-common';
import { actorRefOf, audited } from '../access';
import { OutcomeServiceOptions, requireParticipant, requireTrain } from './access';
import { deploymentLogEntry, deploymentReportPatch } from './deploymentReports';
import { deploymentFailedNotification } from './notifications';
import { OutcomeStoreSession, TrainDeploymentQuery } from './OutcomeStore';

/** Deployment outcomes of train participants, as CI reports them. */
export interface DeploymentService {
  /**
   * Records a report: a new deployment, or news about a known one (same `deploymentId`).
   * `created` tells which; a report that says nothing new changes nothing.
   */
  reportDeployment(
    trainId: string,
    report: ReportDeploymentRequest,
    credentials: BackstageCredentials,
  ): Promise<{ deployment: DeploymentOutcome; created: boolean }>;
  /** A page of the train's deployments, newest start first; 404 for an unknown train. */
  listTrainDeployments(
    trainId: string,
    query: TrainDeploymentQuery,
  ): Promise<Page<DeploymentOutcome>>;
}

export interface DeploymentServiceOptions extends OutcomeServiceOptions {
  /** The environment whose failures people are told about, e.g. `production`. */
  productionEnvironment: string;
}

/** Creates the {@link DeploymentService}. */
export function createDeploymentService(options: DeploymentServiceOptions): DeploymentService {
  const { store, trains, snapshots, auditor, announcer, productionEnvironment } = options;

  async function reportDeployment(
    trainId: string,
    report: ReportDeploymentRequest,
    credentials: BackstageCredentials,
  ) {
    const reporter = actorRefOf(credentials);
    const meta = { actor: reporter, trainId, deploymentId: report.deploymentId };
    return audited(auditor, 'deployment-report', meta, async () => {
      // Read before the transaction: on SQLite it holds the only connection.
      const { train, ownerRef } = await requireParticipant(
        { trains, snapshots },
        trainId,
        report.participantRef,
        'participantRef',
      );
      const subject = `${report.environment}#${report.deploymentId}`;
      /** One log entry per report that changes something; `before` when it updates one. */
      const logReport = (
        tx: OutcomeStoreSession,
        deployment: DeploymentOutcome,
        before?: DeploymentOutcome,
      ) =>
        tx.appendDecision({
          trainId,
          entityRef: report.participantRef,
          actorRef: reporter,
          action: 'deployment.reported',
          subject,
          ...(before ? { before: deploymentLogEntry(before) } : {}),
          after: deploymentLogEntry(deployment),
        });

      const record = () =>
        store.transaction(async tx => {
          const existing = await tx.getDeployment(trainId, report.deploymentId, { lock: true });
          if (!existing) {
            const deployment = await tx.insertDeployment({
              trainId,
              participantRef: report.participantRef,
              ...(ownerRef ? { ownerRef } : {}),
              environment: report.environment,
              deploymentId: report.deploymentId,
              ...(report.version ? { version: report.version } : {}),
              startedAt: report.startedAt,
              ...(report.finishedAt ? { finishedAt: report.finishedAt } : {}),
              ...(report.result ? { result: report.result } : {}),
              ...(report.rollbackStartedAt ? { rollbackStartedAt: report.rollbackStartedAt } : {}),
              ...(report.rollbackFinishedAt
                ? { rollbackFinishedAt: report.rollbackFinishedAt }
                : {}),
              hotfix: report.hotfix ?? false,
              ...(report.evidenceUrl ? { evidenceUrl: report.evidenceUrl } : {}),
              reporter,
            });
            await logReport(tx, deployment);
            return { deployment, created: true, changed: true, previousResult: undefined };
          }
          const patch = deploymentReportPatch(existing, report);
          // The same report again (a retry, or a start reported twice) is not logged twice.
          if (!patch) {
            return {
              deployment: existing,
              created: false,
              changed: false,
              previousResult: existing.result,
            };
          }
          const deployment = await tx.updateDeployment(existing.id, patch);
          await logReport(tx, deployment, existing);
          return { deployment, created: false, changed: true, previousResult: existing.result };
        });

      let outcome: Awaited<ReturnType<typeof record>>;
      try {
        outcome = await record();
      } catch (error) {
        // Two first reports of one deployment at once: the unique index let one in. Running
        // again treats this one as news about that deployment.
        if (error instanceof ConflictError) throw error;
        if (!(await store.getDeployment(trainId, report.deploymentId))) throw error;
        outcome = await record();
      }

      const { deployment, changed, previousResult } = outcome;
      if (changed) {
        const newlyBroken =
          deployment.environment === productionEnvironment &&
          (deployment.result === 'failed' || deployment.result === 'rolled-back') &&
          previousResult !== deployment.result;
        await announcer.announce(
          trainId,
          newlyBroken ? async () => [deploymentFailedNotification(train, deployment)] : undefined,
        );
      }
      return { deployment, created: outcome.created };
    });
  }

  return {
    reportDeployment,
    async listTrainDeployments(trainId, query) {
      await requireTrain(trains, trainId);
      return store.listTrainDeployments(trainId, query);
    },
  };
}
