import { Chip, makeStyles } from '@material-ui/core';
import { GateState, TrainGate } from '@release-coordination/plugin-release-coordination-common';

const useStyles = makeStyles(theme => ({
  passed: { backgroundColor: theme.palette.success.main, color: theme.palette.success.contrastText },
  failed: { backgroundColor: theme.palette.error.main, color: theme.palette.error.contrastText },
  waived: { backgroundColor: theme.palette.warning.main, color: theme.palette.warning.contrastText },
  pending: {},
}));

/** A gate's state as a colored chip; the word is always shown, so color is never the only cue. */
export function GateStateChip(props: { state: GateState }) {
  const classes = useStyles();
  return <Chip size="small" label={props.state} className={classes[props.state]} />;
}

/** Gates that still hold a train or an entity back: not passed and not waived. */
export function isOpenGate(gate: TrainGate): boolean {
  return gate.state === 'pending' || gate.state === 'failed';
}
