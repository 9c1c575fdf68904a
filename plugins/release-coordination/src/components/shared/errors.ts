/**
 * True when the backend answered 404: the entity is not (yet) in the dependency graph, which
 * is a normal state between a catalog change and the next refresh rather than a failure.
 */
export function isNotFoundError(error: unknown): boolean {
  const candidate = error as
    | { name?: string; response?: { status?: number }; body?: { error?: { name?: string } } }
    | undefined;
  return (
    candidate?.name === 'NotFoundError' ||
    candidate?.response?.status === 404 ||
    candidate?.body?.error?.name === 'NotFoundError'
  );
}

/**
 * What the backend said went wrong, for the user to read: `ResponseError` keeps the backend's
 * message (e.g. the gates that block a stage advance, or who may decide a gate) in its body,
 * while its own message only names the status.
 */
export function errorMessage(error: unknown): string {
  const candidate = error as
    | { message?: string; body?: { error?: { message?: string } }; cause?: { message?: string } }
    | undefined;
  return (
    candidate?.body?.error?.message ||
    candidate?.cause?.message ||
    candidate?.message ||
    String(error)
  );
}
