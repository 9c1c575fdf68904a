import { ReleaseDictionary } from '@release-coordination/plugin-release-coordination-common';

/** The anchor of an escalation path on the dictionary page, from its name. */
export function escalationAnchor(name: string): string {
  const slug = name
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `escalation-${slug}`;
}

/**
 * The entries that mention every word of `query`, in any field a reader would search: a term's
 * name, aliases and definition; a role and its description; a path's name, steps and contacts.
 */
export function filterDictionary(dictionary: ReleaseDictionary, query: string): ReleaseDictionary {
  const words = query.toLocaleLowerCase('en-US').split(/\s+/).filter(Boolean);
  if (words.length === 0) return dictionary;
  const matches = (...fields: (string | undefined)[]) => {
    const text = fields.filter(Boolean).join(' ').toLocaleLowerCase('en-US');
    return words.every(word => text.includes(word));
  };
  return {
    terms: dictionary.terms.filter(term =>
      matches(term.id, term.term, term.definition, ...term.aliases),
    ),
    responsibilities: dictionary.responsibilities.filter(responsibility =>
      matches(responsibility.role, responsibility.description, responsibility.escalation),
    ),
    escalationPaths: dictionary.escalationPaths.filter(path =>
      matches(path.name, ...path.steps.flatMap(step => [step.title, step.contact])),
    ),
  };
}
