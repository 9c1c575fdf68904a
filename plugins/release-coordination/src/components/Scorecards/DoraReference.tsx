import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  Box,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  DORA_2024_REFERENCE_BANDS,
  DoraReferenceColumnKey,
  MetricDefinition,
} from '@release-coordination/plugin-release-coordination-common';
import { releaseCoordinationTranslationRef } from '../../translations';

const bands = DORA_2024_REFERENCE_BANDS;

/** E.g. "DORA 2024 reference": the year says which report, "reference" that it is no rating. */
function useDoraReferenceTitle(): string {
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return t('scorecards.dora.title', { label: bands.label });
}

const useStyles = makeStyles(theme => ({
  mini: {
    marginTop: theme.spacing(1),
    paddingTop: theme.spacing(1),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  miniRow: { display: 'flex', gap: theme.spacing(1), fontSize: theme.typography.caption.fontSize },
  tier: { minWidth: 56, color: theme.palette.text.secondary, textTransform: 'capitalize' },
  table: { '& td, & th': { padding: theme.spacing(0.75, 1.5) } },
}));

/**
 * The DORA column a metric can be read against. Cycle time is set beside DORA's lead time
 * only as a comparison of two different measures (the column's note says how they differ).
 */
export function doraColumnOf(definition: MetricDefinition): DoraReferenceColumnKey | undefined {
  if (definition.doraReference) return definition.doraReference;
  return definition.id === 'cycle-time' ? 'leadTime' : undefined;
}

/**
 * One column of the reference table, small enough for a metric tile. It lists the published
 * tiers and never says in which one the number above it falls.
 */
export function DoraReferenceColumn(props: { columnKey: DoraReferenceColumnKey; metricTitle: string }) {
  const { columnKey, metricTitle } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const title = useDoraReferenceTitle();
  const column = bands.columns.find(c => c.key === columnKey);
  if (!column) return null;
  return (
    <Box
      className={classes.mini}
      role="group"
      aria-label={t('scorecards.dora.columnLabel', {
        title,
        metric: metricTitle,
        column: column.title,
      })}
    >
      <Typography variant="caption" color="textSecondary" component="div">
        {t('scorecards.dora.columnHeading', {
          title,
          column: column.title.toLocaleLowerCase('en-US'),
        })}
      </Typography>
      {bands.rows.map(row => (
        <div key={row.tier} className={classes.miniRow}>
          <span className={classes.tier}>{row.tier}</span>
          <span>{row.values[columnKey]}</span>
        </div>
      ))}
      {column.note && (
        <Typography variant="caption" color="textSecondary" component="div">
          {column.note}
        </Typography>
      )}
    </Box>
  );
}

/** The whole reference table with its source and why it is not a rating. */
export function DoraReferenceCard() {
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const title = useDoraReferenceTitle();
  return (
    <InfoCard title={title} subheader={bands.source}>
      <Typography variant="body2" paragraph>
        {bands.caveat}
      </Typography>
      <Table
        size="small"
        className={classes.table}
        aria-label={t('scorecards.dora.tableLabel', { title })}
      >
        <TableHead>
          <TableRow>
            <TableCell component="th">{t('scorecards.dora.tier')}</TableCell>
            {bands.columns.map(column => (
              <TableCell key={column.key} component="th">
                {column.title}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {bands.rows.map(row => (
            <TableRow key={row.tier}>
              <TableCell component="th" scope="row" style={{ textTransform: 'capitalize' }}>
                {row.tier}
              </TableCell>
              {bands.columns.map(column => (
                <TableCell key={column.key}>{row.values[column.key]}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {bands.columns
        .filter(column => column.note)
        .map(column => (
          <Typography key={column.key} variant="caption" color="textSecondary" component="p">
            {t('scorecards.dora.note', { column: column.title, note: column.note ?? '' })}
          </Typography>
        ))}
    </InfoCard>
  );
}
