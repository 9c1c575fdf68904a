/** Messages of the entityTrains area; keys are `entityTrains.<key>` in {@link releaseCoordinationTranslationRef}. */
export const entityTrainsMessages = {} as const;
