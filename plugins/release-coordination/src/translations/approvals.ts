/** Messages of the approvals area; keys are `approvals.<key>` in {@link releaseCoordinationTranslationRef}. */
export const approvalsMessages = {} as const;
