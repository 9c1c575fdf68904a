import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
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
import { releaseCoordinationTranslationRef } from '../../translations';
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
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
      inputProps={{
        'aria-label': t('retrospectives.actionItems.statusLabel', { title: item.title }),
      }}
      margin="none"
    >
      {ACTION_ITEM_STATUSES.map(status => (
        <option key={status} value={status}>
          {t(`retrospectives.actionItems.statuses.${status}`)}
        </option>
      ))}
    </TextField>
  );
}

function DueDate(props: { item: ActionItem }) {
  const { item } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  if (!item.dueAt) {
    return (
      <Typography variant="body2" color="textSecondary">
        {t('retrospectives.actionItems.noDueDate')}
      </Typography>
    );
  }
  return (
    <Box display="flex" alignItems="center" gridGap={8}>
      <Typography variant="body2" component="span">
        {new Date(item.dueAt).toLocaleDateString()}
      </Typography>
      {isActionItemOverdue(item, new Date()) && (
        <Chip size="small" color="secondary" label={t('retrospectives.actionItems.overdue')} />
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
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const [error, setError] = useState<string>();
  const { paging, shown, error: pageError } = useRetrospectiveList(firstPage, fetchPage);
  const items = shown.items;
  const title = t('retrospectives.actionItems.heading', {
    title: props.title,
    count: shown.totalCount,
  });
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
              <TableCell>{t('retrospectives.actionItems.columns.item')}</TableCell>
              <TableCell>{t('retrospectives.actionItems.columns.owner')}</TableCell>
              {showTrain && (
                <TableCell>{t('retrospectives.actionItems.columns.fromTrain')}</TableCell>
              )}
              <TableCell>{t('retrospectives.actionItems.columns.due')}</TableCell>
              <TableCell>{t('retrospectives.actionItems.columns.status')}</TableCell>
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
