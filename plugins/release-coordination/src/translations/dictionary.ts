/** Messages of the dictionary area; keys are `dictionary.<key>` in {@link releaseCoordinationTranslationRef}. */
export const dictionaryMessages = {} as const;
