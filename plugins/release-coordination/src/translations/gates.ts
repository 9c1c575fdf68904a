/** Messages of the gates area; keys are `gates.<key>` in {@link releaseCoordinationTranslationRef}. */
export const gatesMessages = {} as const;
