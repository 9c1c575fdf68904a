import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

/**
 * The entity ref of the signed-in user, e.g. `user:default/alice`; `undefined` while it loads
 * or when the identity cannot be read (the views then treat the viewer as nobody in particular).
 */
export function useSignedInUserRef(): { loading: boolean; userRef?: string } {
  const identityApi = useApi(identityApiRef);
  const { value, loading } = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
  return { loading, userRef: value };
}
