import { Grid, TextField, Typography } from '@material-ui/core';
import { PlanErrors, StageWindowInput } from './trainPlan';

/** A start and an end date per stage, side by side at desktop widths. */
export function StageWindowFields(props: {
  /** Prefix of the inputs' ids, unique on the page. */
  idPrefix: string;
  stages: { name: string; title: string }[];
  windows: Record<string, StageWindowInput>;
  onChange: (stage: string, field: 'start' | 'end', value: string) => void;
  errors: PlanErrors;
}) {
  const { idPrefix, stages, windows, onChange, errors } = props;
  return (
    <Grid container spacing={1}>
      {stages.map(stage => {
        const error = errors[`window.${stage.name}`];
        return (
          <Grid item xs={12} sm={6} md={3} key={stage.name}>
            <Typography variant="subtitle2">{stage.title}</Typography>
            <TextField
              id={`${idPrefix}-${stage.name}-start`}
              label={`${stage.title} start`}
              type="date"
              value={windows[stage.name]?.start ?? ''}
              onChange={e => onChange(stage.name, 'start', e.target.value)}
              InputLabelProps={{ shrink: true }}
              error={Boolean(error)}
              margin="dense"
              fullWidth
            />
            <TextField
              id={`${idPrefix}-${stage.name}-end`}
              label={`${stage.title} end`}
              type="date"
              value={windows[stage.name]?.end ?? ''}
              onChange={e => onChange(stage.name, 'end', e.target.value)}
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
  );
}
