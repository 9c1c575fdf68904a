export { DictionaryTerm, DEFAULT_DICTIONARY_PATH, termAnchor } from './DictionaryTerm';
export { useReleaseDictionary } from './useReleaseDictionary';
