import { ConfigReader } from '@backstage/config';
import { DEFAULT_DICTIONARY } from './defaults';
import { escalationStep, readReleaseDictionary } from './readDictionary';

type ConfigData = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

const withDictionary = (dictionary: ConfigData) =>
  new ConfigReader({ releaseCoordination: { dictionary } });

describe('readReleaseDictionary', () => {
  it('gives the built-in vocabulary, sorted by term, when nothing is configured', () => {
    const dictionary = readReleaseDictionary(new ConfigReader({}));
    const ids = dictionary.terms.map(term => term.id);
    for (const id of [
      'release-train', 'ambassador', 'stage', 'gate', 'approval', 'check', 'rule-gate', 'waiver',
      'participant', 'deployment-wave', 'rollback-readiness', 'feature-flag', 'retrospective',
      'action-item', 'change-failure-rate',
    ]) {
      expect(ids).toContain(id);
    }
    const names = dictionary.terms.map(term => term.term);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
    expect(dictionary.responsibilities).toEqual(DEFAULT_DICTIONARY.responsibilities);
    expect(dictionary.escalationPaths).toEqual(DEFAULT_DICTIONARY.escalationPaths);
  });

  it('keeps the built-in vocabulary consistent: unique ids, known references', () => {
    const ids = DEFAULT_DICTIONARY.terms.map(term => term.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const term of DEFAULT_DICTIONARY.terms) {
      for (const related of term.seeAlso) expect(ids, `${term.id} → ${related}`).toContain(related);
    }
  });

  it('replaces defaults by id, role and name, adds new entries and links contacts', () => {
    const dictionary = readReleaseDictionary(
      withDictionary({
        terms: [
          { id: 'waiver', term: 'Waiver', definition: 'Our own words.', seeAlso: ['freeze'] },
          { id: 'freeze', term: 'Change freeze', definition: 'No deployments.', aliases: ['freeze'] },
        ],
        responsibilities: [
          { role: 'release ambassador', description: 'Runs the train.', escalation: 'on-call' },
        ],
        escalationPaths: [
          {
            name: 'On-call',
            steps: [
              { title: 'Platform team', contact: 'group:platform' },
              { title: 'Chat', contact: '#release-help' },
            ],
          },
        ],
      }),
    );
    const waiver = dictionary.terms.find(term => term.id === 'waiver');
    expect(waiver).toEqual({
      id: 'waiver',
      term: 'Waiver',
      definition: 'Our own words.',
      aliases: [],
      seeAlso: ['freeze'],
    });
    expect(dictionary.terms.filter(term => term.id === 'waiver')).toHaveLength(1);
    expect(dictionary.terms.find(term => term.id === 'freeze')?.aliases).toEqual(['freeze']);
    expect(dictionary.responsibilities[0]).toEqual({
      role: 'release ambassador',
      description: 'Runs the train.',
      escalation: 'On-call',
    });
    expect(dictionary.responsibilities).toHaveLength(DEFAULT_DICTIONARY.responsibilities.length);
    expect(dictionary.escalationPaths.at(-1)).toEqual({
      name: 'On-call',
      steps: [
        { title: 'Platform team', contact: 'group:platform', contactRef: 'group:default/platform' },
        { title: 'Chat', contact: '#release-help' },
      ],
    });
  });

  it('starts from nothing without the defaults', () => {
    const dictionary = readReleaseDictionary(
      withDictionary({
        includeDefaults: false,
        terms: [{ id: 'train', term: 'Train', definition: 'A release.' }],
      }),
    );
    expect(dictionary).toEqual({
      terms: [{ id: 'train', term: 'Train', definition: 'A release.', aliases: [], seeAlso: [] }],
      responsibilities: [],
      escalationPaths: [],
    });
  });

  it('lists every mistake at once', () => {
    const read = () =>
      readReleaseDictionary(
        withDictionary({
          terms: [
            { id: 'Bad Id', term: 'x', definition: 'y' },
            { id: 'dup', term: 'Dup', definition: 'One' },
            { id: 'dup', term: 'Dup', definition: 'Two', seeAlso: ['nowhere'] },
            { id: 'empty', term: ' ', definition: 'z' },
          ],
          responsibilities: [{ role: 'Owner', description: 'Owns', escalation: 'Missing path' }],
          escalationPaths: [{ name: 'No steps', steps: [] }],
        }),
      );
    expect(read).toThrow(/^Invalid releaseCoordination.dictionary: /);
    let message = '';
    try {
      read();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/Term 1: id 'Bad Id' must use lower-case letters/);
    expect(message).toMatch(/Term id 'dup' is configured twice/);
    expect(message).toMatch(/Term 4: term must not be empty/);
    expect(message).toMatch(/Term 'dup' refers in seeAlso to unknown term 'nowhere'/);
    expect(message).toMatch(/Role 'Owner' escalates to unknown escalation path 'Missing path'/);
    expect(message).toMatch(/Escalation path 1: steps must list at least one step/);
  });

  it('reports a value of the wrong type as a problem, naming the key', () => {
    expect(() =>
      readReleaseDictionary(withDictionary({ terms: [{ id: 'x', term: 'X', definition: 3 }] })),
    ).toThrow(/definition/);
  });
});

describe('escalationStep', () => {
  it.each([
    ['group:default/sre', 'group:default/sre'],
    ['User:Alice', 'user:default/alice'],
    ['https://status.example.com', undefined],
    ['mailto:oncall@example.com', undefined],
    ['Call the duty manager: +49 30 1234', undefined],
  ])('links %s only when it is an entity ref', (contact, contactRef) => {
    expect(escalationStep('Step', contact).contactRef).toBe(contactRef);
  });
});
