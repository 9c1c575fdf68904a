export type {
  EscalationPath,
  EscalationStep,
  ReleaseDictionary,
  ReleaseDictionaryResponsibility,
  ReleaseDictionaryTerm,
} from './types';
