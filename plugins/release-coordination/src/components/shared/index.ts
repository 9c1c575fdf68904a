export { SnapshotAge, formatSnapshotAge } from './SnapshotAge';
export {
  HiddenEntitiesNote,
  describeHidden,
  joinList,
  type HiddenItemWords,
} from './HiddenEntitiesNote';
export { CatalogRefLink, CatalogRefLinks } from './CatalogRefLink';
export { DependencyProblemAlert, DependencyProblemAlerts } from './DependencyProblemAlerts';
export { NotDerivedYetState, NotInGraphState } from './DependencyStates';
export { isNotFoundError } from './errors';
export { isFullEntityRef, kindOfRef, sameRef, shortRef } from './refs';
export { errorMessage } from './errors';
export { useTrainChangedSignal } from './useTrainChangedSignal';
export { GateStateChip, isOpenGate } from './GateState';
export { useTrainLink } from './useTrainLink';
export { CadenceTrainLink, useCadenceLink } from './CadenceTrainLink';
export {
  TRAIN_TABS,
  TRAIN_TAB_PARAM,
  parseTrainTab,
  trainTabLabel,
  trainTabSearch,
  type TrainTab,
} from './trainTabs';
export { useSignedInUserRef } from './useSignedInUserRef';
export {
  useGateDecision,
  useApprovalWaiver,
  useGateWaiver,
  useRetrospectiveManagement,
  useTrainManagement,
  type PermissionState,
} from './useTrainPermissions';
export { PermissionGuard } from './PermissionGuard';
export {
  CatalogEntityPicker,
  useCatalogEntitySearch,
  type CatalogEntityOption,
} from './CatalogEntityPicker';
export {
  toStageWindow,
  toStageWindowInput,
  validateTrainPlan,
  type PlanErrors,
  type StageWindowInput,
} from './trainPlan';
export { StageWindowFields } from './StageWindowFields';
export { useBackendRequest } from './useBackendRequest';
export { RequestErrorAlert } from './RequestErrorAlert';
export { FormDialog } from './FormDialog';
export { StatusChip, type StatusTone } from './StatusChip';
export { endOfDay, formatDate, formatTime } from './dates';
export { FormTextField } from './FormTextField';
export { LoadedContent } from './LoadedContent';
export { usePaging, useLastPageWithin, type Paging } from './usePaging';
export { PAGE_SIZES, usePagedList } from './usePagedList';
export { ListPagination } from './ListPagination';
export {
  englishT,
  usePluginTranslation,
  type ReleaseCoordinationT,
} from './translation';
