/** Messages of the scorecards area; keys are `scorecards.<key>` in {@link releaseCoordinationTranslationRef}. */
export const scorecardsMessages = {} as const;
