/** Messages of the shared area; keys are `shared.<key>` in {@link releaseCoordinationTranslationRef}. */
export const sharedMessages = {} as const;
