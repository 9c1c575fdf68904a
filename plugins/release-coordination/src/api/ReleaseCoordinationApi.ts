import { createApiRef } from '@backstage/core-plugin-api';
import { ReleaseCoordinationApi } from '@release-coordination/plugin-release-coordination-common';

/**
 * The release-coordination API, implemented by `ReleaseCoordinationClient` from the common
 * package.
 *
 * @public
 */
export const releaseCoordinationApiRef = createApiRef<ReleaseCoordinationApi>({
  id: 'plugin.release-coordination.service',
});
