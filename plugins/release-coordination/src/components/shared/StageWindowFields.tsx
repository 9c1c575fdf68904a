import { Box, Grid, TextField, Typography } from '@material-ui/core';
import { PlanErrors, StageWindowInput } from './trainPlan';
import { usePluginTranslation } from './translation';

/**
 * The "Stage windows" section of a train's plan: a start and an end date per stage, side by
 * side at desktop widths. `onChange` gets all windows with the one date changed.
 */
export function StageWindowFields(props: {
  /** Prefix of the inputs' ids, unique on the page. */
  idPrefix: string;
  stages: { name: string; title: string }[];
  windows: Record<string, StageWindowInput>;
  onChange: (windows: Record<string, StageWindowInput>) => void;
  errors: PlanErrors;
}) {
  const { idPrefix, stages, windows, onChange, errors } = props;
  const { t } = usePluginTranslation();
  const change = (stage: string, field: 'start' | 'end', value: string) =>
    onChange({
      ...windows,
      [stage]: { ...(windows[stage] ?? { start: '', end: '' }), [field]: value },
    });
  return (
    <Box marginTop={2}>
      <Typography variant="subtitle1" component="h3">
        {t('shared.stageWindows.title')}
      </Typography>
      <Grid container spacing={1}>
        {stages.map(stage => {
          const error = errors[`window.${stage.name}`];
          return (
            <Grid item xs={12} sm={6} md={3} key={stage.name}>
              <Typography variant="subtitle2">{stage.title}</Typography>
              <TextField
                id={`${idPrefix}-${stage.name}-start`}
                label={t('shared.stageWindows.start', { stage: stage.title })}
                type="date"
                value={windows[stage.name]?.start ?? ''}
                onChange={e => change(stage.name, 'start', e.target.value)}
                InputLabelProps={{ shrink: true }}
                error={Boolean(error)}
                margin="dense"
                fullWidth
              />
              <TextField
                id={`${idPrefix}-${stage.name}-end`}
                label={t('shared.stageWindows.end', { stage: stage.title })}
                type="date"
                value={windows[stage.name]?.end ?? ''}
                onChange={e => change(stage.name, 'end', e.target.value)}
                InputLabelProps={{ shrink: true }}
                error={Boolean(error)}
                helperText={error}
                margin="dense"
                fullWidth
              />
            </Grid>
          );
        })}
      </Grid>
    </Box>
  );
}
