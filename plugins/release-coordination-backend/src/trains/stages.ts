import { Config, readDurationFromConfig } from '@backstage/config';
import {
  GATE_KINDS,
  GateKind,
  GateTemplate,
  StageDefinition,
  normalizeEntityRef,
} from '@release-coordination/plugin-release-coordination-common';

/**
 * The stages every train goes through when app-config names none: planning → integration →
 * validation → deployment, with the gates most cross-team releases need. Exported so that a
 * configuration can start from them.
 *
 * @public
 */
export const DEFAULT_STAGES: StageDefinition[] = [
  {
    name: 'planning',
    title: 'Planning',
    // The first stage's entry gates are checked when it is left: a train plans on top of the
    // lessons of the trains before it.
    entryGates: [
      rule(
        'planning-lessons-acted-on',
        'Action items of earlier trains closed',
        'previous-action-items-closed',
      ),
    ],
    exitGates: [
      approval('planning-participation', 'Participation confirmed by the owning team'),
      {
        ...gateDefaults('planning-owners', 'Every participant has an owner', 'rule'),
        rule: 'every-participant-has-owner',
      },
    ],
  },
  {
    name: 'integration',
    title: 'Integration',
    entryGates: [],
    exitGates: [
      {
        ...gateDefaults('integration-contract-tests', 'Contract tests pass', 'check'),
        perParticipant: true,
        checkName: 'contract-tests',
      },
    ],
  },
  {
    name: 'validation',
    title: 'Validation',
    entryGates: [],
    exitGates: [
      {
        ...gateDefaults('validation-canary-analysis', 'Canary analysis passes', 'check'),
        perParticipant: true,
        checkName: 'canary-analysis',
      },
      {
        ...gateDefaults('validation-upstream', 'Upstream participants passed validation', 'rule'),
        perParticipant: true,
        rule: 'upstream-passed-stage',
      },
      // The teams meet before deployment: risks, dependencies, rollback plans, collisions.
      {
        ...gateDefaults('validation-release-review', 'Release review held', 'rule'),
        rule: 'release-review-held',
      },
    ],
  },
  {
    name: 'deployment',
    title: 'Deployment',
    // Checked when validation is left, and again when the train is released: nothing reaches
    // production without a rehearsed way back, nor behind a flag that should be gone.
    entryGates: [
      rule('deployment-rollback-rehearsed', 'Rollback rehearsed', 'rollback-rehearsed'),
      rule('deployment-no-expired-flags', 'No expired feature flags', 'no-expired-flags'),
    ],
    exitGates: [approval('deployment-go-no-go', 'Go / no-go')],
  },
];

function gateDefaults(id: string, title: string, kind: GateKind): GateTemplate {
  return { id, title, kind, perParticipant: false, quorum: 1, separationOfDuties: false };
}

/** A rule gate per participant, so that each team sees what it has to do itself. */
function rule(id: string, title: string, ruleId: string): GateTemplate {
  return { ...gateDefaults(id, title, 'rule'), perParticipant: true, rule: ruleId };
}

function approval(id: string, title: string): GateTemplate {
  return {
    ...gateDefaults(id, title, 'approval'),
    perParticipant: true,
    approvers: 'participant-owner',
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Milliseconds of a duration. Months and years count as 30 and 365 days: an approval's validity
 * is a policy, not a calendar date.
 */
export function humanDurationToMs(duration: ReturnType<typeof readDurationFromConfig>): number {
  return (
    (duration.years ?? 0) * 365 * DAY_MS +
    (duration.months ?? 0) * 30 * DAY_MS +
    (duration.weeks ?? 0) * 7 * DAY_MS +
    (duration.days ?? 0) * DAY_MS +
    (duration.hours ?? 0) * 60 * 60 * 1000 +
    (duration.minutes ?? 0) * 60 * 1000 +
    (duration.seconds ?? 0) * 1000 +
    (duration.milliseconds ?? 0)
  );
}

const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/i;

function readGate(config: Config, where: string, problems: string[]): GateTemplate | undefined {
  const id = config.getString('id');
  const kind = config.getString('kind');
  if (!GATE_KINDS.includes(kind as GateKind)) {
    problems.push(`${where} '${id}' has unknown kind '${kind}'; use ${GATE_KINDS.join(', ')}`);
    return undefined;
  }
  const gate: GateTemplate = {
    id,
    title: config.getString('title'),
    kind: kind as GateKind,
    perParticipant: config.getOptionalBoolean('perParticipant') ?? false,
    quorum: config.getOptionalNumber('quorum') ?? 1,
    separationOfDuties: config.getOptionalBoolean('separationOfDuties') ?? false,
  };
  if (!NAME_PATTERN.test(id)) {
    problems.push(`${where} id '${id}' is invalid: use letters, digits and . _ - only`);
  }
  if (kind === 'approval') {
    const approvers = config.getOptionalString('approvers') ?? 'participant-owner';
    if (approvers === 'participant-owner') {
      if (!gate.perParticipant) {
        problems.push(
          `${where} '${id}': approvers 'participant-owner' needs perParticipant: true`,
        );
      }
      gate.approvers = approvers;
    } else if (!/^group:/i.test(normalizeEntityRef(approvers, 'group'))) {
      problems.push(`${where} '${id}': approvers must be 'participant-owner' or a Group ref`);
    } else {
      gate.approvers = normalizeEntityRef(approvers, 'group');
    }
    if (!Number.isInteger(gate.quorum) || gate.quorum < 1) {
      problems.push(`${where} '${id}': quorum must be a whole number of at least 1`);
    }
    if (config.has('approvalValidFor')) {
      try {
        const ms = humanDurationToMs(readDurationFromConfig(config, { key: 'approvalValidFor' }));
        if (ms > 0) gate.approvalValidForMs = ms;
        else problems.push(`${where} '${id}': approvalValidFor must be longer than zero`);
      } catch (error) {
        problems.push(`${where} '${id}': approvalValidFor is invalid: ${(error as Error).message}`);
      }
    }
  } else if (config.has('approvalValidFor')) {
    problems.push(`${where} '${id}': approvalValidFor applies to approval gates only`);
  }
  if (kind === 'check') {
    gate.checkName = config.getOptionalString('checkName');
    if (!gate.checkName) problems.push(`${where} '${id}': a check gate needs checkName`);
  }
  if (kind === 'rule') {
    gate.rule = config.getOptionalString('rule');
    if (!gate.rule) problems.push(`${where} '${id}': a rule gate needs rule`);
  }
  return gate;
}

/**
 * Reads `releaseCoordination.stages`, or gives {@link DEFAULT_STAGES} when it is absent. Every
 * mistake is collected and thrown at once, so a broken config fails the backend's start with a
 * message that lists all of them.
 *
 * @param knownRules - ids of the gate rules the backend can evaluate.
 */
export function readStageDefinitions(
  config: Config,
  knownRules: (id: string) => boolean,
): StageDefinition[] {
  const problems: string[] = [];
  const stageConfigs = config.getOptionalConfigArray('releaseCoordination.stages');
  const stages: StageDefinition[] = stageConfigs
    ? stageConfigs.map(stage => {
        const name = stage.getString('name');
        if (!NAME_PATTERN.test(name)) {
          problems.push(`Stage name '${name}' is invalid: use letters, digits and . _ - only`);
        }
        const gates = (key: string, what: string) =>
          (stage.getOptionalConfigArray(key) ?? []).flatMap(gate => {
            const template = readGate(gate, `Stage '${name}' ${what}`, problems);
            return template ? [template] : [];
          });
        return {
          name,
          title: stage.getOptionalString('title') ?? name,
          entryGates: gates('entryGates', 'entry gate'),
          exitGates: gates('exitGates', 'exit gate'),
        };
      })
    : DEFAULT_STAGES;

  if (stages.length === 0) problems.push('releaseCoordination.stages must name at least one stage');
  const stageNames = new Set<string>();
  const gateIds = new Set<string>();
  for (const stage of stages) {
    if (stageNames.has(stage.name)) problems.push(`Stage '${stage.name}' is defined twice`);
    stageNames.add(stage.name);
    for (const gate of [...stage.entryGates, ...stage.exitGates]) {
      if (gateIds.has(gate.id)) problems.push(`Gate template id '${gate.id}' is used twice`);
      gateIds.add(gate.id);
      if (gate.rule && !knownRules(gate.rule)) {
        problems.push(`Gate template '${gate.id}' uses unknown rule '${gate.rule}'`);
      }
    }
  }
  if (problems.length > 0) {
    throw new Error(`Invalid releaseCoordination.stages: ${problems.join('; ')}`);
  }
  return stages;
}
