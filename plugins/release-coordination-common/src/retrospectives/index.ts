export {
  ACTION_ITEM_STATUSES,
  RETROSPECTIVE_COLUMNS,
  isActionItemOverdue,
  type ActionItem,
  type ActionItemStatus,
  type AddRetrospectiveNoteRequest,
  type CreateActionItemRequest,
  type ListActionItemsRequest,
  type Retrospective,
  type RetrospectiveColumn,
  type RetrospectiveNote,
  type UpdateActionItemRequest,
} from './types';
