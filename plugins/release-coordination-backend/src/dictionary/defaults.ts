import { ReleaseDictionary } from '@release-coordination/plugin-release-coordination-common';

type TermInput = {
  id: string;
  term: string;
  definition: string;
  aliases?: string[];
  seeAlso?: string[];
};

const term = (input: TermInput) => ({ aliases: [], seeAlso: [], ...input });

/**
 * The vocabulary of this product, as the portal, the API and the code use it. App-config can
 * replace any entry (by id, role or name) and add its own.
 */
export const DEFAULT_DICTIONARY: ReleaseDictionary = {
  terms: [
    term({
      id: 'release-train',
      term: 'Release train',
      definition:
        'A release that many teams ship together: a name, an objective, an ambassador, the ' +
        'participating components and a planned window for each stage. It ends released, ' +
        'rolled back or cancelled.',
      aliases: ['train'],
      seeAlso: ['ambassador', 'participant', 'stage', 'objective'],
    }),
    term({
      id: 'objective',
      term: 'Objective',
      definition:
        'The shared goal of a release train in one or two sentences, so that every team knows ' +
        'why it ships together with the others.',
      seeAlso: ['release-train'],
    }),
    term({
      id: 'ambassador',
      term: 'Release ambassador',
      definition:
        'The person who runs one release train, a role that rotates from train to train: ' +
        'creates the train, adds participants, runs reviews, advances stages, waives gates ' +
        'with a reason and runs the retrospective.',
      aliases: ['ambassador', 'release captain'],
      seeAlso: ['release-train', 'waiver', 'retrospective'],
    }),
    term({
      id: 'participant',
      term: 'Participant',
      definition:
        'A catalog entity, usually a Component, that ships in a release train with a target ' +
        'version. Its owner comes from the catalog and decides its approval gates.',
      seeAlso: ['release-train', 'owner'],
    }),
    term({
      id: 'owner',
      term: 'Owner',
      definition:
        'The Group that owns an entity in the catalog (spec.owner). Its members approve the ' +
        "participant's gates and own its action items.",
      aliases: ['owning team'],
      seeAlso: ['participant', 'approval'],
    }),
    term({
      id: 'escalation-path',
      term: 'Escalation path',
      definition:
        "Whom to turn to when an owner does not answer: the owning Group, then its parent " +
        'Groups up the catalog hierarchy, and the escalation paths of this dictionary.',
      seeAlso: ['owner'],
    }),
    term({
      id: 'stage',
      term: 'Stage',
      definition:
        'A step every train goes through, in order; by default planning, integration, ' +
        'validation and deployment. Each stage has entry and exit gates and a planned window.',
      seeAlso: ['gate', 'entry-gate', 'exit-gate'],
    }),
    term({
      id: 'gate',
      term: 'Gate',
      definition:
        'A condition that guards entering or leaving a stage, for the whole train or one ' +
        'participant: an approval, a check or a rule. A stage is left only when all its gates ' +
        'are passed or waived.',
      seeAlso: ['approval', 'check', 'rule-gate', 'waiver', 'stage'],
    }),
    term({
      id: 'entry-gate',
      term: 'Entry gate',
      definition:
        'A gate that guards entering a stage. It must hold when the train enters the stage and ' +
        'still hold when the train leaves it.',
      seeAlso: ['gate', 'exit-gate'],
    }),
    term({
      id: 'exit-gate',
      term: 'Exit gate',
      definition: 'A gate that must be passed or waived before the train leaves its stage.',
      seeAlso: ['gate', 'entry-gate'],
    }),
    term({
      id: 'approval',
      term: 'Approval',
      definition:
        "A gate decided by people: members of the participant's owner Group (or of a named " +
        'Group) approve or reject, with a quorum, optionally never the ambassador (separation ' +
        'of duties) and optionally only for a while.',
      aliases: ['approval gate', 'sign-off'],
      seeAlso: ['quorum', 'separation-of-duties', 'gate'],
    }),
    term({
      id: 'quorum',
      term: 'Quorum',
      definition: 'How many distinct approvals pass an approval gate.',
      seeAlso: ['approval'],
    }),
    term({
      id: 'separation-of-duties',
      term: 'Separation of duties',
      definition:
        'An approval gate that the ambassador of the train may not decide, so that the person ' +
        'who drives the release does not also sign it off.',
      seeAlso: ['approval', 'ambassador'],
    }),
    term({
      id: 'check',
      term: 'Check',
      definition:
        'A gate satisfied by results that CI reports for a participant, such as contract tests ' +
        'or canary analysis. The newest result of each check counts.',
      aliases: ['check gate'],
      seeAlso: ['gate'],
    }),
    term({
      id: 'rule-gate',
      term: 'Rule gate',
      definition:
        "A gate computed from the train's state when a stage is about to be left, such as " +
        '"every participant has an owner", "upstream participants passed this stage" or ' +
        '"action items of earlier trains are closed". Backend modules can add rules.',
      aliases: ['rule'],
      seeAlso: ['gate', 'action-item'],
    }),
    term({
      id: 'waiver',
      term: 'Waiver',
      definition:
        'Letting a gate through on purpose, recorded with who, why and until when. A waiver ' +
        'that ran out no longer counts.',
      aliases: ['waive'],
      seeAlso: ['gate', 'ambassador', 'decision-log'],
    }),
    term({
      id: 'decision-log',
      term: 'Decision log',
      definition:
        'The append-only record of every change of a train: who, what, before and after, why ' +
        'and when. Decisions are never edited, only superseded.',
      aliases: ['audit trail'],
      seeAlso: ['release-train'],
    }),
    term({
      id: 'dependency-matrix',
      term: 'Dependency matrix',
      definition:
        'Which team depends on which, derived from catalog relations (dependsOn, consumed and ' +
        'provided APIs), never typed by hand.',
      seeAlso: ['deployment-wave', 'blast-radius'],
    }),
    term({
      id: 'deployment-wave',
      term: 'Deployment wave',
      definition:
        'A group of participants that can ship at the same time. Providers ship in an earlier ' +
        'wave than their consumers; members of a dependency cycle share a wave.',
      aliases: ['wave', 'deployment order'],
      seeAlso: ['dependency-matrix'],
    }),
    term({
      id: 'blast-radius',
      term: 'Blast radius',
      definition:
        'Everything that depends on an entity, directly or transitively, with the owners to ' +
        'tell when it changes or fails.',
      seeAlso: ['dependency-matrix'],
    }),
    term({
      id: 'rollback-readiness',
      term: 'Rollback readiness',
      definition:
        'Whether a participant can be rolled back: rollback criteria, a procedure, and a ' +
        'rehearsal recent enough to trust.',
      aliases: ['rollback plan'],
      seeAlso: ['participant', 'change-failure-rate'],
    }),
    term({
      id: 'feature-flag',
      term: 'Feature flag',
      definition:
        'A switch a participant ships behind, so that a change can be released dark and turned ' +
        'on or off without a deployment. Flags past their expiry are a release risk.',
      aliases: ['feature toggle', 'flag'],
      seeAlso: ['participant'],
    }),
    term({
      id: 'deployment-outcome',
      term: 'Deployment outcome',
      definition:
        'What happened when a participant was deployed to an environment: succeeded, failed or ' +
        'rolled back, with timings. The facts behind the scorecards.',
      seeAlso: ['change-failure-rate', 'scorecard'],
    }),
    term({
      id: 'change-failure-rate',
      term: 'Change failure rate',
      definition:
        'The share of deployments that failed or were rolled back, out of all deployments in a ' +
        'period.',
      aliases: ['CFR'],
      seeAlso: ['deployment-outcome', 'scorecard'],
    }),
    term({
      id: 'scorecard',
      term: 'Scorecard',
      definition:
        'Figures across trains and teams computed from what actually happened: outcomes, time ' +
        'spent in stages, waivers, action items closed on time.',
      seeAlso: ['change-failure-rate', 'action-item'],
    }),
    term({
      id: 'retrospective',
      term: 'Retrospective',
      definition:
        'The blameless review that ends a train: what went well, what to improve, and the ' +
        'action items to act on. It describes what happened, never who is to blame.',
      aliases: ['retro', 'post-release review'],
      seeAlso: ['action-item', 'release-train'],
    }),
    term({
      id: 'action-item',
      term: 'Action item',
      definition:
        'A change a retrospective decided on, with an owner (a Group, a User or a Component ' +
        'and so its team), a due date and a status: open, done or dropped. Open items carry ' +
        'over to later trains until they are closed.',
      seeAlso: ['retrospective', 'carry-over'],
    }),
    term({
      id: 'carry-over',
      term: 'Carried-over action item',
      definition:
        "An open action item from an earlier train that concerns a later train's participant " +
        'or its owner. A planning gate can hold the next train until such items are closed.',
      aliases: ['carry-over'],
      seeAlso: ['action-item', 'rule-gate'],
    }),
    term({
      id: 'release-calendar',
      term: 'Release calendar',
      definition:
        "Every train's stage windows across teams on one timeline, with the change freezes " +
        'and the collisions, filtered by team, System or Domain: where teams see whose plans ' +
        'meet theirs.',
      aliases: ['calendar'],
      seeAlso: ['change-freeze', 'collision', 'stage'],
    }),
    term({
      id: 'change-freeze',
      term: 'Change freeze',
      definition:
        'A period in which nothing in its scope (everything, or one System or Domain) ships ' +
        'to production, with a reason. Declared in app-config or by a release manager; deploy ' +
        'readiness refuses production deployments it covers and the change-freeze gate rule ' +
        'holds trains back.',
      aliases: ['freeze', 'freeze window'],
      seeAlso: ['release-calendar', 'collision', 'rule-gate'],
    }),
    term({
      id: 'collision',
      term: 'Collision',
      definition:
        'Where two plans meet: the same component in two active trains, a component and one ' +
        'it depends on (or that depends on it) deploying in overlapping windows of different ' +
        'trains, or a deployment window that crosses a change freeze covering a participant. ' +
        'Each names the owners to talk to; the no-collisions gate rule holds a train until ' +
        'they are resolved or waived.',
      seeAlso: ['release-calendar', 'change-freeze', 'deployment-wave'],
    }),
    term({
      id: 'risk-score',
      term: 'Risk score',
      definition:
        'How risky a train is now, from 0 to 100: the weighted share of nine factors (blast ' +
        'radius, cross-team edges, cycles, drift since planning, recent change failure rate, ' +
        'open action items, failing checks, collisions, freeze proximity), each shown with ' +
        'what was measured, its weight and the points it adds.',
      aliases: ['risk'],
      seeAlso: ['blast-radius', 'collision', 'change-failure-rate'],
    }),
    term({
      id: 'standup',
      term: 'Release standup',
      definition:
        'A short multi-team meeting while a train runs, from what changed since the last one: ' +
        'per team, the gates of its that began to hold the train, its failed checks and the ' +
        'decisions about its participants; then a late stage and new collisions.',
      aliases: ['standup view'],
      seeAlso: ['gate', 'collision', 'decision-log'],
    }),
    term({
      id: 'cadence',
      term: 'Release cadence',
      definition:
        'A recurring series of release trains, e.g. every two weeks, whose stage windows the ' +
        'participating teams share; the next train of a series starts with its windows and ' +
        'the ambassador the rotation suggests.',
      aliases: ['release series', 'cadence'],
      seeAlso: ['rotation', 'release-calendar', 'release-train'],
    }),
    term({
      id: 'rotation',
      term: 'Ambassador rotation',
      definition:
        "The roster of a cadence's members who take turns as release ambassador, so that " +
        'knowledge does not silo: the member who ran the fewest trains is suggested next; ' +
        'skips and swaps are recorded with a reason, and each ambassador leaves handover ' +
        'notes for the next.',
      aliases: ['roster', 'rotating ambassadors', 'handover'],
      seeAlso: ['cadence', 'ambassador'],
    }),
    term({
      id: 'release-review',
      term: 'Joint release review',
      definition:
        'The meeting of all teams of a train before deployment, over an agenda assembled ' +
        'from the train (risk factors, deployment waves, drift, rollback readiness, flags, ' +
        'action items, collisions). Held once every owning team signed it off and every open ' +
        'risk of the register has a mitigation; the gate "Release review held" asks for it.',
      aliases: ['release review', 'review', 'sign-off'],
      seeAlso: ['risk-register', 'risk-score', 'rollback-readiness'],
    }),
    term({
      id: 'risk-register',
      term: 'Risk register',
      definition:
        'The risks a train\'s teams name in the release review, each with an owner, ' +
        'likelihood, impact, mitigation and status (open, mitigated, accepted, closed). Every ' +
        'change is in the decision log.',
      seeAlso: ['release-review', 'decision-log'],
    }),
    term({
      id: 'runbook',
      term: 'Runbook',
      definition:
        "A train's plan for trouble during the deploy, assembled from the catalog and the " +
        "train: rollback steps in reverse wave order with each participant's criteria and " +
        'procedure, who to escalate to (owning team, the teams above it, on-call), and a ' +
        'decision tree walked step by step.',
      seeAlso: ['rollback-readiness', 'deployment-wave', 'escalation-path'],
    }),
  ],
  responsibilities: [
    {
      role: 'Release ambassador',
      description:
        'Creates the train, keeps its plan and participants current, runs the reviews, ' +
        'advances the stages, waives gates only with a reason and an end date, and runs the ' +
        'retrospective.',
      escalation: 'Release blocked',
    },
    {
      role: 'Owning team',
      description:
        'Decides the approval gates of its participants with evidence, keeps rollback plans ' +
        'rehearsed, and closes the action items it owns.',
      escalation: 'Release blocked',
    },
    {
      role: 'Release manager',
      description:
        'Can manage any train when its ambassador is away: advance, cancel, waive and manage ' +
        'action items.',
      escalation: 'Production incident during a release',
    },
    {
      role: 'CI/CD pipeline',
      description:
        'Reports check results and deployment outcomes for participants, with a link to the ' +
        'evidence.',
    },
  ],
  escalationPaths: [
    {
      name: 'Release blocked',
      steps: [
        { title: 'The ambassador of the train', contact: 'The ambassador named on the train page' },
        { title: 'The owning team of the blocking participant', contact: 'Its owner Group in the catalog' },
        { title: 'The release managers', contact: 'Whoever your permission policy lets manage trains' },
      ],
    },
    {
      name: 'Production incident during a release',
      steps: [
        { title: 'Roll back the participant', contact: 'Its rollback procedure' },
        { title: 'The owning team on call', contact: 'Its owner Group in the catalog' },
        { title: 'The ambassador of the train', contact: 'The ambassador named on the train page' },
      ],
    },
  ],
};
