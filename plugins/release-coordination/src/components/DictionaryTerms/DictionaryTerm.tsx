import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Tooltip } from '@material-ui/core';
import { ReactNode } from 'react';
import { dictionaryRouteRef } from '../../routes';
import { releaseCoordinationTranslationRef } from '../../translations';
import { useReleaseDictionary } from './useReleaseDictionary';

/** Where apps mount the dictionary page by default. */
export const DEFAULT_DICTIONARY_PATH = '/release-coordination/dictionary';

/**
 * Where the app mounts the dictionary page, in either frontend system; the default path when
 * it does not mount it (an entity tab can be installed without the plugin's pages).
 * `useRouteRef` throws only after its own hooks ran, so catching keeps the hook order stable.
 */
function useDictionaryPath(): string {
  try {
    return useRouteRef(dictionaryRouteRef)();
  } catch {
    return DEFAULT_DICTIONARY_PATH;
  }
}

/** The anchor of a term on the dictionary page. */
export function termAnchor(id: string): string {
  return `term-${id}`;
}

/**
 * A word of the release vocabulary, linked to its entry in the dictionary with the definition
 * as tooltip: `<DictionaryTerm id="waiver">waiver</DictionaryTerm>`. A term the dictionary
 * does not define is shown as plain text rather than as a link to nothing.
 */
export function DictionaryTerm(props: {
  /** The term's id in the dictionary, e.g. `waiver`. */
  id: string;
  children: ReactNode;
  /** Where the dictionary page is mounted; default: where the app mounts it. */
  dictionaryPath?: string;
}) {
  const { id, children } = props;
  const mountedPath = useDictionaryPath();
  const dictionaryPath = props.dictionaryPath ?? mountedPath;
  const { value } = useReleaseDictionary();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const term = value?.terms.find(entry => entry.id === id);
  if (value && !term) return <>{children}</>;
  const link = (
    <Link to={`${dictionaryPath}#${termAnchor(id)}`} data-dictionary-term={id}>
      {children}
    </Link>
  );
  // While the dictionary loads the link already works; the definition follows.
  return term ? (
    <Tooltip
      title={t('dictionary.termTooltip', {
        term: term.term,
        definition: term.definition,
      })}
      arrow
    >
      {link}
    </Tooltip>
  ) : (
    link
  );
}
