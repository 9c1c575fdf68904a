import { DeploymentOutcome } from '@release-coordination/plugin-release-coordination-common';
import { trainRuleContext } from '../__testUtils__/ruleContext';
import { createEnvironmentParityRule } from './rules';

const PAYMENTS = 'component:default/payments';
const STOREFRONT = 'component:default/storefront';

function deployment(fields: Partial<DeploymentOutcome>): DeploymentOutcome {
  return {
    id: '1',
    trainId: 't1',
    participantRef: PAYMENTS,
    environment: 'staging',
    deploymentId: 'd1',
    startedAt: '2026-11-19T10:00:00Z',
    finishedAt: '2026-11-19T10:10:00Z',
    result: 'succeeded',
    hotfix: false,
    reporter: 'ci',
    reportedAt: '2026-11-19T10:10:00Z',
    ...fields,
  } as DeploymentOutcome;
}

/** Deployments as the store lists them: of the train, environment and participant asked for. */
function store(deployments: DeploymentOutcome[]) {
  return {
    async listTrainDeployments(
      trainId: string,
      query: { environment?: string; participantRef?: string },
    ) {
      const items = deployments.filter(
        d =>
          d.trainId === trainId &&
          d.environment === query.environment &&
          d.participantRef === query.participantRef,
      );
      return { items, totalCount: items.length };
    },
  };
}

const context = (participantRef?: string) =>
  trainRuleContext({
    participants: [
      { entityRef: PAYMENTS, targetVersion: '5.1.0' },
      { entityRef: STOREFRONT, targetVersion: '2.0.0' },
    ],
    participantRef,
    now: new Date('2026-11-20T12:00:00Z'),
  });

describe('environment-parity', () => {
  const environments = ['development', 'staging', 'production'];

  it("passes once the participant's target version ran in the environment before production", async () => {
    const rule = createEnvironmentParityRule({
      store: store([deployment({ version: '5.1.0' })]),
      environments,
    });
    expect(await rule.evaluate(context(PAYMENTS))).toEqual({
      passed: true,
      reason: `${PAYMENTS} 5.1.0 ran in staging`,
    });
  });

  it('fails for another version, a failed deployment, another environment or another train', async () => {
    const rule = createEnvironmentParityRule({
      store: store([
        deployment({ version: '5.0.0' }),
        deployment({ version: '5.1.0', result: 'failed' }),
        deployment({ version: '5.1.0', environment: 'development' }),
        deployment({ version: '5.1.0', trainId: 't0' }),
      ]),
      environments,
    });
    const result = await rule.evaluate(context(PAYMENTS));
    expect(result.passed).toBe(false);
    expect(result.reason).toBe(
      `Not yet run in staging: ${PAYMENTS} 5.1.0; deploy it there and report the deployment with its version`,
    );
  });

  it('checks every participant when the gate is train-wide', async () => {
    const rule = createEnvironmentParityRule({
      store: store([deployment({ version: '5.1.0' })]),
      environments,
    });
    const result = await rule.evaluate(context());
    expect(result).toEqual({
      passed: false,
      reason: `Not yet run in staging: ${STOREFRONT} 2.0.0; deploy it there and report the deployment with its version`,
    });
  });

  it('passes when production is the only environment', async () => {
    const rule = createEnvironmentParityRule({
      store: store([]),
      environments: ['production'],
    });
    expect((await rule.evaluate(context(PAYMENTS))).passed).toBe(true);
  });
});
