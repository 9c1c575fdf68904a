import {
  DeploymentOutcome,
  Incident,
  IncidentAttributionState,
  IncidentSeverity,
  Page,
} from '@release-coordination/plugin-release-coordination-common';
import { PageRequest } from '../database/paging';
import { NewDecision } from '../trains/TrainStore';

/** An incident as first reported; the rest is the store's. */
export interface NewIncident {
  source: string;
  externalId: string;
  title: string;
  entityRef: string;
  ownerRef?: string;
  severity: IncidentSeverity;
  startedAt: string;
  resolvedAt?: string;
  usersAffected?: number;
  impactMinutes?: number;
  url?: string;
  /** The likeliest cause as the incident is reported. */
  suggestedDeploymentId?: string;
  reporter: string;
}

/** What a later report may change. */
export type IncidentPatch = Partial<
  Pick<
    Incident,
    | 'title'
    | 'severity'
    | 'startedAt'
    | 'resolvedAt'
    | 'usersAffected'
    | 'impactMinutes'
    | 'url'
  >
> & {
  /** A new likeliest cause (`null` for none), while nobody decided. */
  suggestedDeploymentId?: string | null;
};

/** A person's decision about an incident's cause, as stored. */
export interface IncidentAttributionChange {
  state: Exclude<IncidentAttributionState, 'unconfirmed'>;
  deploymentId?: string;
  decidedBy: string;
  comment?: string;
}

/** Filters and paging of incidents. */
export interface IncidentQuery extends PageRequest {
  entityRef?: string;
  /**
   * Incidents confirmed as caused by a deployment of this train, and unconfirmed ones whose
   * likeliest cause is one.
   */
  trainId?: string;
}

/** A production deployment with the name of its train: what an incident may be attributed to. */
export interface DeploymentOfTrain extends DeploymentOutcome {
  trainName: string;
}

/** Reads and writes of incidents, in a transaction or not. */
export interface IncidentStoreSession {
  /** `lock` takes a row lock until the transaction ends, where the engine has them. */
  getIncident(
    id: string,
    options?: { lock?: boolean },
  ): Promise<Incident | undefined>;
  findIncident(
    source: string,
    externalId: string,
    options?: { lock?: boolean },
  ): Promise<Incident | undefined>;
  insertIncident(incident: NewIncident): Promise<Incident>;
  updateIncident(id: string, patch: IncidentPatch): Promise<Incident>;
  attributeIncident(
    id: string,
    change: IncidentAttributionChange,
  ): Promise<Incident>;
  /** A deployment with its train's name; of any environment. */
  getDeployment(id: string): Promise<DeploymentOfTrain | undefined>;
  /** Appends to a train's decision log, in the same transaction as the change it records. */
  appendDecision(decision: NewDecision): Promise<void>;
}

/** Persistence of incidents and what caused them. */
export interface IncidentStore extends IncidentStoreSession {
  /** Runs `work` in one transaction; everything it wrote is rolled back when it throws. */
  transaction<T>(
    work: (session: IncidentStoreSession) => Promise<T>,
  ): Promise<T>;
  /** A page of incidents, newest start first, with the count of all that match. */
  listIncidents(query: IncidentQuery): Promise<Page<Incident>>;
  /**
   * Deployments to `environment` of any of `entityRefs` that finished in `[from, to]`, with
   * their train's name; newest finish first.
   */
  listFinishedDeployments(options: {
    entityRefs: string[];
    environment: string;
    from: Date;
    to: Date;
  }): Promise<DeploymentOfTrain[]>;
}
