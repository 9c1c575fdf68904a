import { TextField } from '@material-ui/core';
import { MAX_DAYS } from './cadenceForm';

/** A number input of the form, with the problem the checks found in place of its hint. */
export function DayField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  helperText?: string;
  min: number;
  required?: boolean;
  fullWidth?: boolean;
}) {
  const { id, label, value, onChange, error, helperText, min } = props;
  return (
    <TextField
      id={id}
      label={label}
      type="number"
      value={value}
      onChange={event => onChange(event.target.value)}
      error={Boolean(error)}
      helperText={error ?? helperText}
      inputProps={{ min, max: MAX_DAYS, step: 1 }}
      required={props.required}
      fullWidth={props.fullWidth ?? false}
      margin="dense"
    />
  );
}
