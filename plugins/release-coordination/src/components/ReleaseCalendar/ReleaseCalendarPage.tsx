import {
  Content,
  EmptyState,
  Header,
  InfoCard,
  Page,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  Grid,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import { ReleaseCalendar } from '@release-coordination/plugin-release-coordination-common';
import { FormEvent, useEffect, useState } from 'react';
import { releaseCoordinationApiRef } from '../../api';
import {
  CatalogRefLink,
  formatDate,
  HiddenEntitiesNote,
  ListPagination,
  PAGE_SIZES,
  RequestErrorAlert,
  errorMessage,
  usePagedList,
  useTrainChangedSignal,
} from '../shared';
import { usePluginTranslation } from '../shared/translation';
import {
  CALENDAR_FILTERS,
  CALENDAR_WEEKS,
  CalendarLocation,
  calendarPeriod,
  useCalendarLocation,
} from './calendarLocation';
import { CalendarTimeline } from './CalendarTimeline';
import { CollisionsTable } from './CollisionsTable';

const FILTER_EXAMPLES = {
  team: 'group:default/team-payments',
  system: 'system:default/payments',
  domain: 'domain:default/commerce',
};

/** The period and filters, edited here and applied together, so typing does not refetch. */
function CalendarFilters(props: {
  location: CalendarLocation;
  onApply: (next: CalendarLocation) => void;
}) {
  const { location, onApply } = props;
  const { t } = usePluginTranslation();
  const [draft, setDraft] = useState(location);
  useEffect(() => setDraft(location), [location]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  return (
    <Box
      component="form"
      onSubmit={submit}
      aria-label={t('calendar.filters.label')}
      display="flex"
      flexWrap="wrap"
      gridGap={16}
      alignItems="flex-start"
    >
      <TextField
        id="calendar-from"
        label={t('calendar.filters.from')}
        type="date"
        value={draft.from}
        onChange={e =>
          setDraft({ ...draft, from: e.target.value || location.from })
        }
        InputLabelProps={{ shrink: true }}
      />
      <TextField
        id="calendar-weeks"
        select
        label={t('calendar.filters.weeks')}
        value={draft.weeks}
        onChange={e => setDraft({ ...draft, weeks: Number(e.target.value) })}
        style={{ minWidth: 140 }}
      >
        {CALENDAR_WEEKS.map(weeks => (
          <MenuItem key={weeks} value={weeks}>
            {t('calendar.filters.weeksOption', { count: weeks })}
          </MenuItem>
        ))}
      </TextField>
      {CALENDAR_FILTERS.map(filter => (
        <TextField
          key={filter}
          id={`calendar-filter-${filter}`}
          label={t(`calendar.filters.${filter}`)}
          value={draft[filter] ?? ''}
          onChange={e =>
            setDraft({ ...draft, [filter]: e.target.value || undefined })
          }
          helperText={t('calendar.filters.refHelp', {
            example: FILTER_EXAMPLES[filter],
          })}
          style={{ minWidth: 240 }}
        />
      ))}
      <Box display="flex" gridGap={8} pt={1.5}>
        <Button type="submit" variant="contained" color="primary">
          {t('calendar.filters.apply')}
        </Button>
        <Button
          onClick={() => onApply({ from: draft.from, weeks: draft.weeks })}
          disabled={!CALENDAR_FILTERS.some(filter => location[filter])}
        >
          {t('calendar.filters.clear')}
        </Button>
      </Box>
    </Box>
  );
}

/** The freezes of the period, each with its scope as a catalog link. */
function FreezeList(props: { calendar: ReleaseCalendar }) {
  const { t } = usePluginTranslation();
  const { freezes } = props.calendar;
  if (freezes.length === 0)
    return (
      <Typography variant="body2">{t('calendar.freezes.none')}</Typography>
    );
  return (
    <Box component="ul" m={0} pl={2}>
      {freezes.map(freeze => (
        <li key={freeze.id}>
          <Typography variant="body2" component="span">
            <strong>{freeze.reason}</strong>{' '}
            {t('calendar.freezes.period', {
              start: formatDate(freeze.startsAt),
              end: formatDate(freeze.endsAt),
            })}
            {' · '}
            {freeze.scope.kind === 'all' ? (
              t('calendar.freezes.scopeAll')
            ) : (
              <CatalogRefLink entityRef={freeze.scope.ref} />
            )}
          </Typography>
        </li>
      ))}
    </Box>
  );
}

/**
 * The release calendar: filters, the trains of the period as a Gantt chart with the freezes,
 * the collisions of the trains shown, and the freezes listed. Refetched when a train changes.
 */
export function ReleaseCalendarContent() {
  const { t } = usePluginTranslation();
  const api = useApi(releaseCoordinationApiRef);
  const { location, go } = useCalendarLocation();
  const period = calendarPeriod(location);
  const list = usePagedList(
    page =>
      api.getReleaseCalendar({
        ...period,
        ...Object.fromEntries(
          CALENDAR_FILTERS.flatMap(f =>
            location[f] ? [[f, location[f]]] : [],
          ),
        ),
        ...page,
      }),
    [
      api,
      period.from,
      period.to,
      location.team,
      location.system,
      location.domain,
    ],
  );
  useTrainChangedSignal(list.retry);
  const { value, loading, error } = list;
  const range = { from: formatDate(period.from), to: formatDate(period.to) };

  let body;
  if (loading && !value) body = <Progress />;
  // A filter the backend refuses (a team not in the catalog) is the reader's to correct: its
  // message says what is wrong, above the filters' values.
  else if (error)
    body = (
      <RequestErrorAlert
        error={`${t('calendar.loadError')}: ${errorMessage(error)}`}
      />
    );
  else if (!value || value.totalCount === 0) {
    body = (
      <EmptyState
        missing="data"
        title={t('calendar.empty.title')}
        description={t('calendar.empty.description', range)}
      />
    );
  } else {
    const trainNames = Object.fromEntries(
      value.items.map(train => [train.id, train.name]),
    );
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard
            title={t('calendar.pageTitle')}
            subheader={t('calendar.timeline.label', range)}
          >
            <Box overflow="auto">
              <CalendarTimeline
                trains={value.items}
                freezes={value.freezes}
                period={period}
              />
            </Box>
            <ListPagination
              label={t('calendar.timeline.paginationLabel')}
              paging={list.paging}
              totalCount={value.totalCount}
              rowsPerPageOptions={PAGE_SIZES}
            />
            <HiddenEntitiesNote
              hidden={value.hidden}
              keys={['participants', 'items']}
              itemWords={count =>
                t('calendar.collisions.hiddenCount', { count })
              }
            />
          </InfoCard>
        </Grid>
        {value.collisions.length > 0 && (
          <Grid item xs={12}>
            <CollisionsTable
              collisions={value.collisions}
              title={t('calendar.collisions.title')}
              trainNames={trainNames}
            />
          </Grid>
        )}
        <Grid item xs={12}>
          <InfoCard title={t('calendar.freezes.title')}>
            <FreezeList calendar={value} />
          </InfoCard>
        </Grid>
      </Grid>
    );
  }
  return (
    <Content>
      <Box mb={3}>
        <CalendarFilters location={location} onApply={go} />
      </Box>
      {body}
    </Content>
  );
}

/** The release calendar with its own header (legacy frontend system). */
export function ReleaseCalendarPage() {
  const { t } = usePluginTranslation();
  return (
    <Page themeId="tool">
      <Header
        title={t('calendar.pageTitle')}
        subtitle={t('calendar.pageSubtitle')}
      />
      <ReleaseCalendarContent />
    </Page>
  );
}
