import { Config } from '@backstage/config';
import {
  EscalationPath,
  EscalationStep,
  ReleaseDictionary,
  ReleaseDictionaryResponsibility,
  ReleaseDictionaryTerm,
  normalizeEntityRef,
} from '@release-coordination/plugin-release-coordination-common';
import { DEFAULT_DICTIONARY } from './defaults';

/** Term ids end up in URLs (`#term-<id>`): lower-case letters, digits and dashes. */
const TERM_ID = /^[a-z0-9][a-z0-9-]*$/;

/** `kind:name` or `kind:namespace/name`; anything else is a contact written as text. */
const ENTITY_REF = /^[a-z][a-z0-9-]*:([a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/i;

/** The contact of an escalation step, with its entity ref when it is one. */
export function escalationStep(title: string, contact: string): EscalationStep {
  const trimmed = contact.trim();
  return ENTITY_REF.test(trimmed)
    ? { title, contact: trimmed, contactRef: normalizeEntityRef(trimmed) }
    : { title, contact: trimmed };
}

/** Reads one value, turning a wrong type into a listed problem rather than a thrown error. */
function attempt<T>(problems: string[], read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    problems.push((error as Error).message);
    return undefined;
  }
}

function requiredText(config: Config, key: string, where: string, problems: string[]) {
  const value = attempt(problems, () => config.getString(key));
  if (value !== undefined && !value.trim()) problems.push(`${where}: ${key} must not be empty`);
  return value?.trim() ?? '';
}

function readTerm(config: Config, where: string, problems: string[]): ReleaseDictionaryTerm {
  const id = requiredText(config, 'id', where, problems);
  if (id && !TERM_ID.test(id)) {
    problems.push(`${where}: id '${id}' must use lower-case letters, digits and dashes only`);
  }
  const list = (key: string) =>
    (attempt(problems, () => config.getOptionalStringArray(key)) ?? [])
      .map(value => value.trim())
      .filter(Boolean);
  return {
    id,
    term: requiredText(config, 'term', where, problems),
    definition: requiredText(config, 'definition', where, problems),
    aliases: list('aliases'),
    seeAlso: list('seeAlso'),
  };
}

function readResponsibility(
  config: Config,
  where: string,
  problems: string[],
): ReleaseDictionaryResponsibility {
  const escalation = attempt(problems, () => config.getOptionalString('escalation'))?.trim();
  return {
    role: requiredText(config, 'role', where, problems),
    description: requiredText(config, 'description', where, problems),
    ...(escalation ? { escalation } : {}),
  };
}

function readEscalationPath(config: Config, where: string, problems: string[]): EscalationPath {
  const name = requiredText(config, 'name', where, problems);
  const stepConfigs = attempt(problems, () => config.getConfigArray('steps')) ?? [];
  if (stepConfigs.length === 0) problems.push(`${where}: steps must list at least one step`);
  return {
    name,
    steps: stepConfigs.map((step, i) =>
      escalationStep(
        requiredText(step, 'title', `${where} step ${i + 1}`, problems),
        requiredText(step, 'contact', `${where} step ${i + 1}`, problems),
      ),
    ),
  };
}

/**
 * Configured entries replace the defaults with the same key in place; new ones follow. Keys
 * given twice in the configuration are a mistake.
 */
function merge<T>(
  defaults: T[],
  configured: T[],
  key: (entry: T) => string,
  what: string,
  problems: string[],
): T[] {
  const seen = new Set<string>();
  for (const entry of configured) {
    const k = key(entry);
    if (seen.has(k)) problems.push(`${what} '${k}' is configured twice`);
    seen.add(k);
  }
  const byKey = new Map(configured.map(entry => [key(entry), entry]));
  const merged = defaults.map(entry => {
    const replacement = byKey.get(key(entry));
    byKey.delete(key(entry));
    return replacement ?? entry;
  });
  return [...merged, ...byKey.values()];
}

/**
 * Reads `releaseCoordination.dictionary` over the built-in {@link DEFAULT_DICTIONARY}: terms
 * replace defaults by id, responsibilities by role and escalation paths by name;
 * `includeDefaults: false` starts from nothing. Every mistake is collected and thrown at once,
 * so that a broken dictionary stops the backend's start with all of them listed.
 */
export function readReleaseDictionary(rootConfig: Config): ReleaseDictionary {
  const config = rootConfig.getOptionalConfig('releaseCoordination.dictionary');
  const problems: string[] = [];
  const includeDefaults =
    attempt(problems, () => config?.getOptionalBoolean('includeDefaults')) ?? true;
  const defaults: ReleaseDictionary = includeDefaults
    ? DEFAULT_DICTIONARY
    : { terms: [], responsibilities: [], escalationPaths: [] };
  const entries = (key: string) => attempt(problems, () => config?.getOptionalConfigArray(key));

  const terms = merge(
    defaults.terms,
    (entries('terms') ?? []).map((c, i) => readTerm(c, `Term ${i + 1}`, problems)),
    term => term.id,
    'Term id',
    problems,
  );
  const responsibilities = merge(
    defaults.responsibilities,
    (entries('responsibilities') ?? []).map((c, i) =>
      readResponsibility(c, `Responsibility ${i + 1}`, problems),
    ),
    responsibility => responsibility.role.toLocaleLowerCase('en-US'),
    'Role',
    problems,
  );
  const escalationPaths = merge(
    defaults.escalationPaths,
    (entries('escalationPaths') ?? []).map((c, i) =>
      readEscalationPath(c, `Escalation path ${i + 1}`, problems),
    ),
    path => path.name.toLocaleLowerCase('en-US'),
    'Escalation path',
    problems,
  );

  const termIds = new Set(terms.map(term => term.id));
  for (const term of terms) {
    for (const related of term.seeAlso) {
      if (!termIds.has(related)) {
        problems.push(`Term '${term.id}' refers in seeAlso to unknown term '${related}'`);
      }
    }
  }
  const pathNames = new Map(escalationPaths.map(path => [path.name.toLocaleLowerCase('en-US'), path.name]));
  const resolvedResponsibilities = responsibilities.map(responsibility => {
    if (!responsibility.escalation) return responsibility;
    const name = pathNames.get(responsibility.escalation.toLocaleLowerCase('en-US'));
    if (!name) {
      problems.push(
        `Role '${responsibility.role}' escalates to unknown escalation path ` +
          `'${responsibility.escalation}'`,
      );
      return responsibility;
    }
    return { ...responsibility, escalation: name };
  });

  if (problems.length > 0) {
    throw new Error(`Invalid releaseCoordination.dictionary: ${problems.join('; ')}`);
  }
  return {
    terms: [...terms].sort(
      (a, b) => a.term.localeCompare(b.term, 'en') || a.id.localeCompare(b.id),
    ),
    responsibilities: resolvedResponsibilities,
    escalationPaths,
  };
}
