import { Link, Table, TableColumn } from '@backstage/core-components';
import { Box, Chip, Typography } from '@material-ui/core';
import WarningIcon from '@material-ui/icons/Warning';
import { TrainCollision } from '@release-coordination/plugin-release-coordination-common';
import { CatalogRefLink, formatDate, useTrainLink } from '../shared';
import { usePluginTranslation } from '../shared/translation';

/** What a collision meets: the other train's participant (and the train), or the freeze. */
function CollidesWith(props: { collision: TrainCollision }) {
  const { collision } = props;
  const { t } = usePluginTranslation();
  const trainLink = useTrainLink();
  if (collision.kind === 'freeze') {
    return (
      <Typography variant="body2">
        {t('calendar.collisions.freezeReason', {
          reason: collision.freeze?.reason ?? '',
        })}
      </Typography>
    );
  }
  const other = collision.otherTrain;
  return (
    <Box display="flex" flexDirection="column">
      {collision.otherEntityRef && (
        <Typography variant="body2" component="span">
          {collision.direction ? (
            <>
              {t(`calendar.collisions.${collision.direction}`)}{' '}
              <CatalogRefLink entityRef={collision.otherEntityRef} />
            </>
          ) : (
            <CatalogRefLink entityRef={collision.otherEntityRef} />
          )}
        </Typography>
      )}
      {other && (
        <Typography variant="caption" color="textSecondary">
          {trainLink ? (
            <Link to={trainLink(other.id)}>
              {t('calendar.collisions.inTrain', { train: other.name })}
            </Link>
          ) : (
            t('calendar.collisions.inTrain', { train: other.name })
          )}
        </Typography>
      )}
    </Box>
  );
}

/**
 * Collisions as a table: the kind, the participant concerned, what it collides with (a train's
 * participant or a freeze), when, and the people to talk to, each a link to the catalog.
 * `trainNames` adds a Train column, for lists that span trains (the calendar).
 */
export function CollisionsTable(props: {
  collisions: TrainCollision[];
  title: string;
  trainNames?: Record<string, string>;
}) {
  const { collisions, title, trainNames } = props;
  const { t } = usePluginTranslation();
  const trainLink = useTrainLink();
  const columns: TableColumn<TrainCollision>[] = [
    {
      title: t('calendar.collisions.columns.kind'),
      field: 'kind',
      render: collision => (
        <Chip
          size="small"
          icon={<WarningIcon fontSize="small" />}
          label={t(`calendar.collisions.kinds.${collision.kind}`)}
        />
      ),
    },
    ...(trainNames
      ? [
          {
            title: t('calendar.collisions.columns.train'),
            field: 'trainId',
            render: (collision: TrainCollision) => {
              const name = trainNames[collision.trainId] ?? collision.trainId;
              return trainLink ? (
                <Link to={trainLink(collision.trainId)}>{name}</Link>
              ) : (
                name
              );
            },
          } as TableColumn<TrainCollision>,
        ]
      : []),
    {
      title: t('calendar.collisions.columns.participant'),
      field: 'entityRef',
      render: collision => <CatalogRefLink entityRef={collision.entityRef} />,
    },
    {
      title: t('calendar.collisions.columns.with'),
      field: 'otherEntityRef',
      render: collision => <CollidesWith collision={collision} />,
    },
    {
      title: t('calendar.collisions.columns.when'),
      field: 'overlap.start',
      render: collision =>
        collision.overlap
          ? t('calendar.freezes.period', {
              start: formatDate(collision.overlap.start),
              end: formatDate(collision.overlap.end),
            })
          : t('calendar.collisions.noOverlap'),
    },
    {
      title: t('calendar.collisions.columns.contacts'),
      field: 'contacts',
      sorting: false,
      render: collision => (
        <Box display="flex" flexWrap="wrap" gridGap={8}>
          {collision.contacts.map(ref => (
            <CatalogRefLink key={ref} entityRef={ref} />
          ))}
        </Box>
      ),
    },
  ];
  return (
    <Table
      title={title}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={collisions}
    />
  );
}
