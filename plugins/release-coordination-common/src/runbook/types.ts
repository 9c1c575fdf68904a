import type { HiddenEntityCounts } from '../types';

/**
 * One step of a train's rollback: a participant, in reverse wave order (the last wave to
 * deploy rolls back first), with its rollback criteria and procedure when its team saved them.
 *
 * @public
 */
export interface RunbookRollbackStep {
  order: number;
  /** The deployment wave the participant ships in, 1 first. */
  wave: number;
  entityRef: string;
  targetVersion: string;
  ownerRef?: string;
  criteria?: string;
  procedureUrl?: string;
}

/**
 * Someone to call about a participant: its owning Group, then the Groups above it, with the
 * email and links (chat channels, pages) the catalog has for them.
 *
 * @public
 */
export interface RunbookContact {
  ref: string;
  role: 'owner' | 'parent';
  title?: string;
  email?: string;
  links: Array<{ title: string; url: string }>;
}

/**
 * An on-call schedule the catalog names for a participant or its owner, from annotations such
 * as `pagerduty.com/service-id` or `opsgenie.com/team`; `url` when the app-config says how to
 * link it.
 *
 * @public
 */
export interface RunbookOnCall {
  annotation: string;
  value: string;
  entityRef: string;
  url?: string;
}

/**
 * Who to escalate to about one participant.
 *
 * @public
 */
export interface RunbookEscalation {
  entityRef: string;
  contacts: RunbookContact[];
  onCall: RunbookOnCall[];
}

/**
 * A step of the decision tree for incidents during a deployment: a question with its answers,
 * each leading to another step, or an action to take.
 *
 * @public
 */
export interface DecisionTreeNode {
  id: string;
  kind: 'question' | 'action';
  text: string;
  options?: Array<{ label: string; next: string }>;
}

/**
 * The decision tree, walked from `start`.
 *
 * @public
 */
export interface DecisionTree {
  start: string;
  nodes: DecisionTreeNode[];
}

/**
 * A train's runbook, assembled from the catalog and the train, not typed: the rollback steps,
 * who to escalate to per participant, and the decision tree for incidents during a deploy.
 *
 * @public
 */
export interface TrainRunbook {
  trainId: string;
  rollbackSteps: RunbookRollbackStep[];
  escalation: RunbookEscalation[];
  decisionTree: DecisionTree;
  /** Participants left out because the caller may not see them. */
  hidden?: HiddenEntityCounts;
}

/**
 * An incident during a deploy, declared from the runbook: the participants concerned and what
 * happened.
 *
 * @public
 */
export interface DeclareDeployIncidentRequest {
  participantRefs: string[];
  summary: string;
}

/**
 * A declared incident during a deploy, with the Groups and people who were told.
 *
 * @public
 */
export interface DeployIncidentDeclared {
  trainId: string;
  participantRefs: string[];
  summary: string;
  notified: string[];
  declaredBy: string;
  declaredAt: string;
}
