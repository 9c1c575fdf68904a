export { DictionaryPage, DictionaryPageContent, DictionaryView } from './DictionaryPage';
export { escalationAnchor, filterDictionary } from './filterDictionary';
