import { TextField } from '@material-ui/core';
import { ReactNode } from 'react';

/**
 * A text input of a form, in the shape of `CatalogEntityPicker`: the value in, the typed value
 * out, and the problem the form's checks found shown in place of the hint, so that the message
 * stands where the mistake is.
 */
export function FormTextField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** What is wrong with the value; marks the field and replaces the hint. */
  error?: string;
  /** The hint under the field while nothing is wrong. */
  helperText?: ReactNode;
  /** `date` takes a day as `YYYY-MM-DD`; its label then stays above the input. */
  type?: 'text' | 'date';
  /** The earliest day a date field offers, `YYYY-MM-DD`. */
  min?: string;
  variant?: 'standard' | 'outlined';
  /** Defaults to the width of the form. */
  fullWidth?: boolean;
  multiline?: boolean;
  minRows?: number;
  required?: boolean;
  autoFocus?: boolean;
  /** A choice among the `MenuItem` children instead of free text. */
  select?: boolean;
  children?: ReactNode;
}) {
  const { onChange, error, helperText, type, min, fullWidth = true, ...field } = props;
  return (
    <TextField
      {...field}
      type={type}
      onChange={event => onChange(event.target.value)}
      error={Boolean(error)}
      helperText={error ?? helperText}
      InputLabelProps={type === 'date' ? { shrink: true } : undefined}
      inputProps={min ? { min } : undefined}
      fullWidth={fullWidth}
      margin="dense"
    />
  );
}
