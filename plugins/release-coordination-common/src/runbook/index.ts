export type {
  DeclareDeployIncidentRequest,
  DeployIncidentDeclared,
  DecisionTree,
  DecisionTreeNode,
  RunbookContact,
  RunbookEscalation,
  RunbookOnCall,
  RunbookRollbackStep,
  TrainRunbook,
} from './types';
