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
