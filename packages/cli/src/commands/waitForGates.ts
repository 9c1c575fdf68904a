import { parseDuration, parseOptions } from '../args';
import { Connection } from '../connection';
import { CommandIo } from '../io';
import {
  DeployReadiness,
  describeReadiness,
  deployReadiness,
} from '../readiness';
import { Command } from './command';

const options = {
  entity: {
    type: 'string',
    description: 'The participant, e.g. component:default/checkout-api',
  },
  version: { type: 'string', description: 'The version its train ships' },
  environment: {
    type: 'string',
    description:
      'The environment the pipeline deploys to next (default: production)',
  },
  timeout: {
    type: 'string',
    description: 'How long to wait, e.g. 30m (default: 30m)',
  },
  interval: {
    type: 'string',
    description: 'How often to ask, e.g. 30s (default: 30s)',
  },
} as const;
const required = ['entity', 'version'] as const;

/** The open gates' ids, to tell a changed answer from the same one. */
const openGates = (readiness: DeployReadiness) =>
  readiness.reasons
    .filter(reason => reason.code === 'gates-open')
    .flatMap(reason => (reason.gates ?? []).map(gate => gate.gateId))
    .sort()
    .join(',');

/**
 * Waits until no gate of the participant is open any more (the owners approved, the checks
 * passed, or a release manager waived them): exit 0; 1 when the timeout passes first, with the
 * gates still open. Other reasons (e.g. an earlier wave) are `can-deploy`'s to report.
 */
export const waitForGates: Command = {
  name: 'wait-for-gates',
  summary:
    "Wait until the participant's gates are passed or waived (exit 1 on timeout)",
  options,
  required: [...required],
  async run(argv: string[], connect: () => Connection, io: CommandIo) {
    const args = parseOptions(argv, options, [...required]);
    const timeoutMs = parseDuration(args.timeout ?? '30m', 'timeout');
    const intervalMs = Math.max(
      1_000,
      parseDuration(args.interval ?? '30s', 'interval'),
    );
    const query = {
      entityRef: args.entity!,
      version: args.version!,
      environment: args.environment ?? 'production',
    };
    const deadline = io.now().getTime() + timeoutMs;
    let last: string | undefined;
    const connection = connect();
    for (;;) {
      const readiness = await deployReadiness(connection, query);
      if (readiness.reasons.some(reason => reason.code === 'no-train')) {
        describeReadiness(readiness).forEach(line => io.err(line));
        return 1;
      }
      const open = openGates(readiness);
      if (open === '') {
        io.out(`gates passed: ${query.entityRef} ${query.version}`);
        return 0;
      }
      if (open !== last) {
        describeReadiness(readiness).forEach(line => io.out(line));
        last = open;
      }
      if (io.now().getTime() + intervalMs > deadline) {
        io.err(
          `timed out after ${args.timeout ?? '30m'} with gates still open`,
        );
        return 1;
      }
      await io.sleep(intervalMs);
    }
  },
};
