/**
 * A term of the release dictionary: the words the portal, the API and the code use, with one
 * meaning each.
 *
 * @public
 */
export interface ReleaseDictionaryTerm {
  /** Stable, URL-safe id, e.g. `waiver`; the portal links to `#term-<id>`. */
  id: string;
  term: string;
  definition: string;
  /** Other words people use for the same thing. */
  aliases: string[];
  /** Ids of related terms. */
  seeAlso: string[];
}

/**
 * A role in a release and what it is responsible for.
 *
 * @public
 */
export interface ReleaseDictionaryResponsibility {
  role: string;
  description: string;
  /** The name of the escalation path to follow when this role cannot decide. */
  escalation?: string;
}

/**
 * One step of an escalation path.
 *
 * @public
 */
export interface EscalationStep {
  title: string;
  /** As configured: an entity ref, or text such as a channel or a phone number. */
  contact: string;
  /** The contact as a normalised entity ref, when it is one. */
  contactRef?: string;
}

/**
 * Who to turn to, in order, when a release is stuck.
 *
 * @public
 */
export interface EscalationPath {
  name: string;
  steps: EscalationStep[];
}

/**
 * The canonical terms, responsibilities and escalation paths of releases, from app-config with
 * built-in defaults.
 *
 * @public
 */
export interface ReleaseDictionary {
  terms: ReleaseDictionaryTerm[];
  responsibilities: ReleaseDictionaryResponsibility[];
  escalationPaths: EscalationPath[];
}
