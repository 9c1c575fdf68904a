/** Messages of the ownership area; keys are `ownership.<key>` in {@link releaseCoordinationTranslationRef}. */
export const ownershipMessages = {} as const;
