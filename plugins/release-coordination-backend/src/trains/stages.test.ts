import { ConfigReader } from '@backstage/config';
import { DEFAULT_STAGES, readStageDefinitions } from './stages';

/** The rules a backend with the plugin's built-in rules knows. */
const knownRules = (id: string) =>
  [
    'every-participant-has-owner',
    'upstream-passed-stage',
    'previous-action-items-closed',
    'rollback-rehearsed',
    'no-expired-flags',
    'release-review-held',
  ].includes(id);

describe('readStageDefinitions', () => {
  it('gives the default stages and gates without config', () => {
    const stages = readStageDefinitions(new ConfigReader({}), knownRules);
    expect(stages).toBe(DEFAULT_STAGES);
    expect(stages.map(s => s.name)).toEqual([
      'planning',
      'integration',
      'validation',
      'deployment',
    ]);
    expect(stages[0].exitGates).toEqual([
      expect.objectContaining({
        kind: 'approval',
        perParticipant: true,
        approvers: 'participant-owner',
        title: 'Participation confirmed by the owning team',
      }),
      expect.objectContaining({ kind: 'rule', rule: 'every-participant-has-owner' }),
    ]);
    expect(stages[1].exitGates[0]).toMatchObject({ kind: 'check', checkName: 'contract-tests' });
    expect(stages[2].exitGates.map(g => g.checkName ?? g.rule)).toEqual([
      'canary-analysis',
      'upstream-passed-stage',
      'release-review-held',
    ]);
    // The review is the whole train's: one gate, not one per participant.
    expect(stages[2].exitGates[2]).toMatchObject({
      title: 'Release review held',
      perParticipant: false,
    });
    expect(stages[3].exitGates[0]).toMatchObject({ title: 'Go / no-go', kind: 'approval' });
  });

  it('guards planning with earlier lessons and deployment with rollback and flag rules', () => {
    const [planning, integration, validation, deployment] = readStageDefinitions(
      new ConfigReader({}),
      knownRules,
    );
    // Each participant's team sees its own outcome, so every default rule gate is per participant.
    const ruleGate = (id: string, title: string, rule: string) => ({
      id,
      title,
      kind: 'rule',
      perParticipant: true,
      quorum: 1,
      separationOfDuties: false,
      rule,
    });
    expect(planning.entryGates).toEqual([
      ruleGate(
        'planning-lessons-acted-on',
        'Action items of earlier trains closed',
        'previous-action-items-closed',
      ),
    ]);
    expect(integration.entryGates).toEqual([]);
    expect(validation.entryGates).toEqual([]);
    expect(deployment.entryGates).toEqual([
      ruleGate('deployment-rollback-rehearsed', 'Rollback rehearsed', 'rollback-rehearsed'),
      ruleGate('deployment-no-expired-flags', 'No expired feature flags', 'no-expired-flags'),
    ]);
  });

  it('refuses the default stages when the backend lacks one of their rules', () => {
    const withoutOutcomeRules = (id: string) =>
      knownRules(id) && !['rollback-rehearsed', 'no-expired-flags'].includes(id);
    const read = () => readStageDefinitions(new ConfigReader({}), withoutOutcomeRules);
    expect(read).toThrow(/'deployment-rollback-rehearsed' uses unknown rule 'rollback-rehearsed'/);
    expect(read).toThrow(/'deployment-no-expired-flags' uses unknown rule 'no-expired-flags'/);
  });

  it('reads stages from app-config with defaults for optional fields', () => {
    const stages = readStageDefinitions(
      new ConfigReader({
        releaseCoordination: {
          stages: [
            {
              name: 'review',
              exitGates: [
                {
                  id: 'board',
                  title: 'Release board',
                  kind: 'approval',
                  approvers: 'release-board',
                  quorum: 2,
                  separationOfDuties: true,
                },
              ],
              entryGates: [{ id: 'build', title: 'Build', kind: 'check', checkName: 'build' }],
            },
          ],
        },
      }),
      knownRules,
    );
    expect(stages).toEqual([
      {
        name: 'review',
        title: 'review',
        entryGates: [
          {
            id: 'build',
            title: 'Build',
            kind: 'check',
            perParticipant: false,
            quorum: 1,
            separationOfDuties: false,
            checkName: 'build',
          },
        ],
        exitGates: [
          {
            id: 'board',
            title: 'Release board',
            kind: 'approval',
            perParticipant: false,
            approvers: 'group:default/release-board',
            quorum: 2,
            separationOfDuties: true,
          },
        ],
      },
    ]);
  });

  it('lists every mistake at once', () => {
    const config = new ConfigReader({
      releaseCoordination: {
        stages: [
          {
            name: 'one',
            exitGates: [
              { id: 'a', title: 'A', kind: 'vote' },
              { id: 'b', title: 'B', kind: 'rule', rule: 'no-such-rule' },
              { id: 'c', title: 'C', kind: 'approval', approvers: 'participant-owner' },
            ],
          },
          {
            name: 'two',
            exitGates: [
              { id: 'b', title: 'B again', kind: 'check', checkName: 'x' },
              { id: 'd', title: 'D', kind: 'check' },
              { id: 'e', title: 'E', kind: 'approval', approvers: 'group:default/x', quorum: 0 },
            ],
          },
        ],
      },
    });
    let message = '';
    try {
      readStageDefinitions(config, knownRules);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/unknown kind 'vote'/);
    expect(message).toMatch(/unknown rule 'no-such-rule'/);
    expect(message).toMatch(/'c': approvers 'participant-owner' needs perParticipant/);
    expect(message).toMatch(/'b' is used twice/);
    expect(message).toMatch(/'d': a check gate needs checkName/);
    expect(message).toMatch(/'e': quorum must be/);
  });

  it('reads approvalValidFor as an ISO duration or an object, for approvals only', () => {
    const gate = (id: string, extra: object) => ({
      id,
      title: id,
      kind: 'approval',
      approvers: 'group:default/board',
      ...extra,
    });
    const read = (gates: object[]) =>
      readStageDefinitions(
        new ConfigReader({ releaseCoordination: { stages: [{ name: 'one', exitGates: gates }] } }),
        knownRules,
      );
    const [stage] = read([
      gate('iso', { approvalValidFor: 'P7D' }),
      gate('object', { approvalValidFor: { hours: 36 } }),
      gate('forever', {}),
    ]);
    expect(stage.exitGates.map(g => g.approvalValidForMs)).toEqual([
      7 * 24 * 3600_000,
      36 * 3600_000,
      undefined,
    ]);
    expect(() =>
      read([
        gate('bad', { approvalValidFor: 'a week' }),
        { id: 'chk', title: 'C', kind: 'check', checkName: 'x', approvalValidFor: 'P1D' },
      ]),
    ).toThrow(
      /'bad': approvalValidFor is invalid[\s\S]*'chk': approvalValidFor applies to approval/,
    );
  });

  it('refuses a stage defined twice and an empty list', () => {
    const twice = new ConfigReader({
      releaseCoordination: {
        stages: [
          { name: 'one', exitGates: [] },
          { name: 'one', exitGates: [] },
        ],
      },
    });
    expect(() => readStageDefinitions(twice, knownRules)).toThrow(/'one' is defined twice/);
    const none = new ConfigReader({ releaseCoordination: { stages: [] } });
    expect(() => readStageDefinitions(none, knownRules)).toThrow(/at least one stage/);
  });
});
