export type {
  DecisionTree,
  DecisionTreeNode,
  RunbookContact,
  RunbookEscalation,
  RunbookOnCall,
  RunbookRollbackStep,
  TrainRunbook,
} from './types';
