import { Box } from '@material-ui/core';
import { Alert } from '@material-ui/lab';

/**
 * The backend's refusal of a request, as it says it, announced to screen readers; nothing
 * when there is none. `gutterBottom` keeps it apart from a form below it.
 */
export function RequestErrorAlert(props: { error?: string; gutterBottom?: boolean }) {
  const { error, gutterBottom } = props;
  if (!error) return null;
  const alert = (
    <Alert severity="error" role="alert">
      {error}
    </Alert>
  );
  return gutterBottom ? <Box marginBottom={2}>{alert}</Box> : alert;
}
