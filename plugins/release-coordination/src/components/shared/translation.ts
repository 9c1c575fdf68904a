import {
  TranslationFunction,
  translationApiRef,
  useApiHolder,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import { createElement, Fragment, isValidElement } from 'react';
import {
  releaseCoordinationMessages,
  releaseCoordinationTranslationRef,
} from '../../translations';

/** The `t` of {@link releaseCoordinationTranslationRef}, as plain functions that build text take it. */
export type ReleaseCoordinationT = TranslationFunction<
  typeof releaseCoordinationTranslationRef.T
>;

type NestedMessages = { readonly [key: string]: string | NestedMessages };

function flatten(
  messages: NestedMessages,
  prefix: string,
  into: Map<string, string>,
): Map<string, string> {
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === 'string') into.set(`${prefix}${key}`, value);
    else flatten(value, `${prefix}${key}.`, into);
  }
  return into;
}

/** The English defaults of every message, by its full key. */
const ENGLISH = flatten(releaseCoordinationMessages, '', new Map());

const englishPlurals = new Intl.PluralRules('en');

/** `{{name}}` in a message; the split keeps the name at the odd indices. */
const PLACEHOLDER = /{{\s*([\w.]+)\s*}}/;

function translateToEnglish(key: string, options?: Record<string, unknown>) {
  const count = options?.count;
  const message =
    (typeof count === 'number'
      ? ENGLISH.get(`${key}_${englishPlurals.select(count)}`)
      : undefined) ??
    ENGLISH.get(key) ??
    key;
  let withElements = false;
  const parts = message.split(PLACEHOLDER).map((part, index) => {
    if (index % 2 === 0) return part;
    const value = options?.[part];
    if (isValidElement(value)) {
      withElements = true;
      return value;
    }
    return value === undefined ? '' : String(value);
  });
  if (!withElements) return parts.join('');
  return createElement(Fragment, null, ...parts.filter(part => part !== ''));
}

/**
 * The plugin's messages in English, without an app: what the plain functions that build text
 * (`shortRef`, `formatHours`, …) use when their caller passes no `t`, and what the shared
 * building blocks show when they are rendered on their own. Interpolation and `_one`/`_other`
 * plurals work as in the app; an app's own wording needs the `t` of `useTranslationRef`.
 */
export const englishT = translateToEnglish as unknown as ReleaseCoordinationT;

/**
 * The plugin's `t` for the shared building blocks: the app's translations through
 * `useTranslationRef`, or {@link englishT} where no API is around at all (a block rendered on
 * its own, as in unit tests).
 */
export function usePluginTranslation(): { t: ReleaseCoordinationT } {
  const apis = useApiHolder();
  if (apis.get(translationApiRef) === undefined) {
    return { t: englishT };
  }
  // The APIs of a mounted tree do not change: every render takes the same branch, so the hooks
  // run in the same order.
  // eslint-disable-next-line react-hooks/rules-of-hooks
  return useTranslationRef(releaseCoordinationTranslationRef);
}
