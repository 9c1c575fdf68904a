import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@material-ui/core';
import {
  ACTION_ITEM_STATUSES,
  ActionItem,
  ActionItemStatus,
  isActionItemOverdue,
  Page,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import {
  CatalogRefLink,
  errorMessage,
  ListPagination,
  RequestErrorAlert,
  useTrainLink,
} from '../shared';
import { useRetrospectiveList } from './useRetrospectiveList';

/** Changes an item's status; the version it was read at guards against overwriting a change. */
function StatusSelect(props: {
  item: ActionItem;
  onChanged: () => void;
  onError: (message?: string) => void;
}) {
  const { item, onChanged, onError } = props;
  const api = useApi(releaseCoordinationApiRef);
  const [busy, setBusy] = useState(false);
  async function change(status: ActionItemStatus) {
    setBusy(true);
    onError(undefined);
    try {
      await api.updateActionItem({ itemId: item.id, status, expectedVersion: item.version });
      onChanged();
    } catch (e) {
      onError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <TextField
      select
      value={item.status}
      disabled={busy}
      onChange={event => change(event.target.value as ActionItemStatus)}
      SelectProps={{ native: true }}
      inputProps={{ 'aria-label': `Status of ${item.title}` }}
      margin="none"
    >
      {ACTION_ITEM_STATUSES.map(status => (
        <option key={status} value={status}>
          {status}
        </option>
      ))}
    </TextField>
  );
}

function DueDate(props: { item: ActionItem }) {
  const { item } = props;
  if (!item.dueAt) {
    return (
      <Typography variant="body2" color="textSecondary">
        No due date
      </Typography>
    );
  }
  return (
    <Box display="flex" alignItems="center" gridGap={8}>
      <Typography variant="body2" component="span">
        {new Date(item.dueAt).toLocaleDateString()}
      </Typography>
      {isActionItemOverdue(item, new Date()) && (
        <Chip size="small" color="secondary" label="overdue" />
      )}
    </Box>
  );
}

/**
 * Action items with their owner (a catalog link), due date (overdue ones marked) and a status
 * anyone may try to change; the backend lets the ambassador, the owning team and release
 * managers, and the refusal is shown otherwise. A page at a time: the first came with the
 * retrospective, `fetchPage` asks for the others.
 */
export function ActionItemsTable(props: {
  /** What the items are, e.g. "Action items"; the total follows it. */
  title: string;
  firstPage: Page<ActionItem>;
  fetchPage: (request: { limit: number; offset: number }) => Promise<Page<ActionItem>>;
  /** What the pages are of, naming their navigation, e.g. "action items". */
  pagesLabel: string;
  onChanged: () => void;
  /** Carried-over items say which train they come from. */
  showTrain?: boolean;
  emptyText: string;
}) {
  const { firstPage, fetchPage, pagesLabel, onChanged, showTrain, emptyText } = props;
  const trainLink = useTrainLink();
  const [error, setError] = useState<string>();
  const { paging, shown, error: pageError } = useRetrospectiveList(firstPage, fetchPage);
  const items = shown.items;
  const title = `${props.title} (${shown.totalCount})`;
  return (
    <Box>
      <Typography variant="h6" component="h3">
        {title}
      </Typography>
      <RequestErrorAlert error={error ?? (pageError && errorMessage(pageError))} />
      {shown.totalCount === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {emptyText}
        </Typography>
      ) : (
        <Table size="small" aria-label={title}>
          <TableHead>
            <TableRow>
              <TableCell>Action item</TableCell>
              <TableCell>Owner</TableCell>
              {showTrain && <TableCell>From train</TableCell>}
              <TableCell>Due</TableCell>
              <TableCell>Status</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map(item => (
              <TableRow key={item.id}>
                <TableCell component="th" scope="row">
                  {item.title}
                </TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  <CatalogRefLink entityRef={item.ownerRef} />
                </TableCell>
                {showTrain && (
                  <TableCell>
                    {trainLink ? (
                      <Link to={trainLink(item.trainId, 'retrospective')}>{item.trainName}</Link>
                    ) : (
                      item.trainName
                    )}
                  </TableCell>
                )}
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  <DueDate item={item} />
                </TableCell>
                <TableCell>
                  <StatusSelect item={item} onChanged={onChanged} onError={setError} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <ListPagination label={pagesLabel} paging={paging} totalCount={shown.totalCount} />
    </Box>
  );
}
