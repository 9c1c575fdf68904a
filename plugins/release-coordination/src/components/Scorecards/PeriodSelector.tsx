import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Box, TextField } from '@material-ui/core';
import { ScorecardPeriod } from '@release-coordination/plugin-release-coordination-common';
import { ChangeEvent, useEffect, useState } from 'react';
import { releaseCoordinationTranslationRef } from '../../translations';
import {
  customPeriodError,
  daysOf,
  isPresetKey,
  PERIOD_PRESETS,
  PeriodChoice,
} from './scorecardPeriods';

/**
 * The period of the scorecard: the last 30, 90, 180 or 365 days, or custom first and last
 * days. A custom period is only applied once both days make a period the backend computes.
 */
export function PeriodSelector(props: {
  choice: PeriodChoice;
  /** The period the choice stands for today, to start a custom period from. */
  period: ScorecardPeriod;
  onChange: (choice: PeriodChoice, options?: { replace?: boolean }) => void;
}) {
  const { choice, period, onChange } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const custom = choice.kind === 'custom' ? choice : undefined;
  const [fromDay, setFromDay] = useState(custom?.fromDay ?? '');
  const [toDay, setToDay] = useState(custom?.toDay ?? '');

  // Follow the URL when it changes from outside (back button, a link); the days are the
  // dependencies, as `custom` is a new object whenever the query string changes.
  const customFrom = custom?.fromDay;
  const customTo = custom?.toDay;
  useEffect(() => {
    if (customFrom !== undefined && customTo !== undefined) {
      setFromDay(customFrom);
      setToDay(customTo);
    }
  }, [customFrom, customTo]);

  const error = custom ? customPeriodError(fromDay, toDay, t) : undefined;

  const onSelect = (event: ChangeEvent<{ value: unknown }>) => {
    const value = String(event.target.value);
    if (isPresetKey(value)) {
      onChange({ kind: 'preset', preset: value });
    } else if (value === 'custom' && !custom) {
      onChange({ kind: 'custom', ...daysOf(period) });
    }
  };

  const onDay = (which: 'from' | 'to') => (event: ChangeEvent<HTMLInputElement>) => {
    const nextFrom = which === 'from' ? event.target.value : fromDay;
    const nextTo = which === 'to' ? event.target.value : toDay;
    setFromDay(nextFrom);
    setToDay(nextTo);
    if (customPeriodError(nextFrom, nextTo) === undefined) {
      // Editing a day replaces the history entry: the back button leaves the custom period
      // instead of stepping through each edit.
      onChange({ kind: 'custom', fromDay: nextFrom, toDay: nextTo }, { replace: true });
    }
  };

  let selectedOption = '';
  if (custom) selectedOption = 'custom';
  else if (choice.kind === 'preset') selectedOption = choice.preset;

  return (
    <Box display="flex" alignItems="flex-start" gridGap={16} flexWrap="wrap">
      <TextField
        select
        id="scorecard-period"
        label={t('scorecards.period.label')}
        value={selectedOption}
        onChange={onSelect}
        SelectProps={{ native: true }}
        variant="outlined"
        size="small"
      >
        {PERIOD_PRESETS.map(preset => (
          <option key={preset.key} value={preset.key}>
            {t('scorecards.period.lastDays', { count: preset.days })}
          </option>
        ))}
        <option value="custom">{t('scorecards.period.custom')}</option>
      </TextField>
      {custom && (
        <>
          <TextField
            id="scorecard-first-day"
            type="date"
            label={t('scorecards.period.firstDay')}
            value={fromDay}
            onChange={onDay('from')}
            InputLabelProps={{ shrink: true }}
            variant="outlined"
            size="small"
            error={error !== undefined}
          />
          <TextField
            id="scorecard-last-day"
            type="date"
            label={t('scorecards.period.lastDay')}
            value={toDay}
            onChange={onDay('to')}
            InputLabelProps={{ shrink: true }}
            variant="outlined"
            size="small"
            error={error !== undefined}
            helperText={error ?? t('scorecards.period.bothIncluded')}
          />
        </>
      )}
    </Box>
  );
}
