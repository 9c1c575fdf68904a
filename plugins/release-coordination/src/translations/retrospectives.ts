/** Messages of the retrospectives area; keys are `retrospectives.<key>` in {@link releaseCoordinationTranslationRef}. */
export const retrospectivesMessages = {} as const;
