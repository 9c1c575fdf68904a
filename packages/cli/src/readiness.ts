import { callApi, CliError, Connection } from './connection';

/** The portal's answer to "may this version be deployed?" (`GET /deploy-readiness`). */
export interface DeployReadiness {
  allowed: boolean;
  entityRef: string;
  version: string;
  environment: string;
  train?: { id: string; name: string; currentStage: string };
  reasons: Array<{
    code:
      | 'no-train'
      | 'not-in-deployment-stage'
      | 'gates-open'
      | 'earlier-wave-not-deployed'
      | 'environment-parity';
    message: string;
    gates?: Array<{
      gateId: string;
      title: string;
      stage: string;
      approverRef?: string;
    }>;
    entityRefs?: string[];
  }>;
  checkedAt: string;
}

export async function deployReadiness(
  connection: Connection,
  query: { entityRef: string; version: string; environment: string },
): Promise<DeployReadiness> {
  const params = new URLSearchParams(query);
  return (
    await callApi<DeployReadiness>(
      connection,
      'GET',
      `/deploy-readiness?${params}`,
    )
  ).body;
}

/** The readiness as lines a person reads in a pipeline's log. */
export function describeReadiness(readiness: DeployReadiness): string[] {
  const what = `${readiness.entityRef} ${readiness.version} to ${readiness.environment}`;
  const train = readiness.train
    ? ` (train '${readiness.train.name}', stage ${readiness.train.currentStage})`
    : '';
  if (readiness.allowed) return [`allowed: ${what}${train}`];
  const lines = [`not allowed: ${what}${train}`];
  for (const reason of readiness.reasons) {
    lines.push(`- ${reason.message}`);
    for (const gate of reason.gates ?? []) {
      const approver = gate.approverRef
        ? `, decided by ${gate.approverRef}`
        : '';
      lines.push(`    gate '${gate.title}' (${gate.stage}${approver})`);
    }
    for (const ref of reason.entityRefs ?? []) lines.push(`    ${ref}`);
  }
  return lines;
}

/**
 * The train a report belongs to: `--train` when given, else the train that ships `version` of
 * the entity, as deploy readiness names it.
 */
export async function resolveTrainId(
  connection: Connection,
  options: {
    train?: string;
    entityRef: string;
    version?: string;
    environment?: string;
  },
): Promise<string> {
  if (options.train) return options.train;
  if (!options.version) {
    throw new CliError(
      'Give --train, or --version so that the train shipping it is found',
    );
  }
  const readiness = await deployReadiness(connection, {
    entityRef: options.entityRef,
    version: options.version,
    environment: options.environment ?? 'production',
  });
  if (!readiness.train) {
    throw new CliError(
      `No active train ships ${options.entityRef} ${options.version}; give --train to report anyway`,
    );
  }
  return readiness.train.id;
}
