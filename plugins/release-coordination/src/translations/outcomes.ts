/** Messages of the outcomes area; keys are `outcomes.<key>` in {@link releaseCoordinationTranslationRef}. */
export const outcomesMessages = {} as const;
