/** Messages of the dependencies area; keys are `dependencies.<key>` in {@link releaseCoordinationTranslationRef}. */
export const dependenciesMessages = {} as const;
