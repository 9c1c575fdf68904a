import { DeploymentOutcome, ReportDeploymentRequest } from '@release-coordination/plugin-release-coordination-common';
import { deploymentReportPatch } from './deploymentReports';

const running: DeploymentOutcome = {
  id: '1',
  trainId: 't',
  participantRef: 'component:default/payments',
  ownerRef: 'group:default/team-pay',
  environment: 'production',
  deploymentId: 'deploy-9',
  version: '5.1.0',
  startedAt: '2026-11-20T10:00:00.000Z',
  hotfix: false,
  reporter: 'demo-ci',
  reportedAt: '2026-11-20T10:00:01.000Z',
  updatedAt: '2026-11-20T10:00:01.000Z',
};

const start: ReportDeploymentRequest = {
  participantRef: 'component:default/payments',
  environment: 'production',
  deploymentId: 'deploy-9',
  version: '5.1.0',
  // The same instant written differently is the same start.
  startedAt: '2026-11-20T11:00:00+01:00',
};

const finishedFailed: DeploymentOutcome = {
  ...running,
  finishedAt: '2026-11-20T10:10:00.000Z',
  result: 'failed',
};

describe('deploymentReportPatch', () => {
  it('says nothing new for the same report again', () => {
    expect(deploymentReportPatch(running, start)).toBeUndefined();
    expect(deploymentReportPatch(running, { ...start, version: undefined })).toBeUndefined();
    expect(
      deploymentReportPatch(finishedFailed, {
        ...start,
        finishedAt: '2026-11-20T10:10:00Z',
        result: 'failed',
      }),
    ).toBeUndefined();
  });

  it('moves forwards: finished, then rolled back, then restored', () => {
    expect(
      deploymentReportPatch(running, {
        ...start,
        finishedAt: '2026-11-20T10:10:00Z',
        result: 'failed',
        evidenceUrl: 'https://ci.example.com/runs/9',
      }),
    ).toEqual({
      finishedAt: '2026-11-20T10:10:00Z',
      result: 'failed',
      evidenceUrl: 'https://ci.example.com/runs/9',
    });
    const rolledBack = {
      ...start,
      finishedAt: '2026-11-20T10:10:00Z',
      result: 'rolled-back' as const,
      rollbackStartedAt: '2026-11-20T10:12:00Z',
    };
    expect(deploymentReportPatch(finishedFailed, rolledBack)).toEqual({
      result: 'rolled-back',
      rollbackStartedAt: '2026-11-20T10:12:00Z',
    });
    expect(
      deploymentReportPatch(
        { ...finishedFailed, result: 'rolled-back', rollbackStartedAt: '2026-11-20T10:12:00.000Z' },
        { ...rolledBack, rollbackFinishedAt: '2026-11-20T10:20:00Z' },
      ),
    ).toEqual({ rollbackFinishedAt: '2026-11-20T10:20:00Z' });
    expect(
      deploymentReportPatch({ ...running, version: undefined }, { ...start, version: '5.1.1' }),
    ).toEqual({ version: '5.1.1' });
  });

  it.each<[string, DeploymentOutcome, Partial<ReportDeploymentRequest>, RegExp]>([
    ['a finished deployment reported as running', finishedFailed, {}, /cannot make it unfinished/],
    [
      'another finish time',
      finishedFailed,
      { finishedAt: '2026-11-20T10:11:00Z', result: 'failed' },
      /finishedAt cannot change/,
    ],
    [
      'a failure turned into a success',
      finishedFailed,
      { finishedAt: '2026-11-20T10:10:00Z', result: 'succeeded' },
      /cannot become 'succeeded'/,
    ],
    [
      'a rollback taken back',
      { ...finishedFailed, result: 'rolled-back', rollbackStartedAt: '2026-11-20T10:12:00.000Z' },
      { finishedAt: '2026-11-20T10:10:00Z', result: 'failed' },
      /cannot become 'failed'/,
    ],
    ['another start time', running, { startedAt: '2026-11-20T10:00:01Z' }, /startedAt cannot change/],
    ['another version', running, { version: '6.0.0' }, /version 5.1.0, not 6.0.0/],
    ['another participant', running, { participantRef: 'component:default/ledger' }, /names one deployment/],
    ['another environment', running, { environment: 'staging' }, /names one deployment/],
    ['another hotfix flag', running, { hotfix: true }, /hotfix/],
  ])('refuses %s with a conflict', (_name, existing, change, message) => {
    expect(() => deploymentReportPatch(existing, { ...start, ...change })).toThrow(
      expect.objectContaining({ name: 'ConflictError', message: expect.stringMatching(message) }),
    );
  });
});
