import { Chip, makeStyles } from '@material-ui/core';

/**
 * How a state reads at a glance: `success` green (passed, ready, succeeded), `warning` amber
 * (needs attention soon, or was let through), `error` red (failed, blocks the train).
 */
export type StatusTone = 'success' | 'warning' | 'error';

const useStyles = makeStyles(theme => ({
  success: { backgroundColor: theme.palette.success.main, color: theme.palette.success.contrastText },
  warning: { backgroundColor: theme.palette.warning.main, color: theme.palette.warning.contrastText },
  error: { backgroundColor: theme.palette.error.main, color: theme.palette.error.contrastText },
}));

/**
 * A state as a small chip in the color of its tone, plain without one. The words always say
 * the state, so color is never the only cue.
 */
export function StatusChip(props: { label: string; tone?: StatusTone }) {
  const { label, tone } = props;
  const classes = useStyles();
  return <Chip size="small" label={label} className={tone ? classes[tone] : undefined} />;
}
