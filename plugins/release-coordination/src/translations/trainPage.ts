/** Messages of the trainPage area; keys are `trainPage.<key>` in {@link releaseCoordinationTranslationRef}. */
export const trainPageMessages = {} as const;
