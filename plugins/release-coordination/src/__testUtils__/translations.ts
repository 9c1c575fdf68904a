import { TranslationApi } from '@backstage/frontend-plugin-api';
import { mockApis } from '@backstage/test-utils';

/**
 * A translation API that answers as an app with its own messages for some keys would: the
 * given keys read as given, every other key as the plugin's default English. Tests use it to
 * show that a string is read through the translation ref rather than written into the page.
 */
export function translationApiWith(
  overrides: Record<string, string>,
): TranslationApi {
  const defaults = mockApis.translation() as unknown as TranslationApi;
  return {
    getTranslation(ref) {
      const snapshot = defaults.getTranslation(ref);
      if (!snapshot.ready) return snapshot;
      const t = ((key: string, options?: unknown) =>
        key in overrides
          ? overrides[key]
          : (snapshot.t as (k: string, o?: unknown) => string)(
              key,
              options,
            )) as typeof snapshot.t;
      return { ready: true, t };
    },
    translation$(ref) {
      return defaults.translation$(ref);
    },
  };
}
