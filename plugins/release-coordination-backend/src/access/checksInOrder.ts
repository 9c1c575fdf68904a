// Independent checks of one request, made side by side.

/**
 * Waits for every check and refuses with the first one that failed in the order given, so that
 * a request failing several checks gets the same answer however fast each check was (the
 * policy's refusal before what the catalog says, for example). The checks run side by side:
 * each is a round trip to the permission backend or the catalog, and a request should not wait
 * for them one after the other.
 */
export async function checksInOrder(checks: Promise<unknown>[]): Promise<void> {
  const settled = await Promise.allSettled(checks);
  const refused = settled.find(
    (check): check is PromiseRejectedResult => check.status === 'rejected',
  );
  if (refused) throw refused.reason;
}
