import { Box, Button, IconButton, Typography } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import { ReactNode } from 'react';

/**
 * A titled list of form rows that grows and shrinks: teams of a cadence, its stage offsets,
 * the participants of a train. Each row renders its own fields; the list adds the remove button
 * (never below `minRows`) and the add button.
 */
export function EditableRows<Row extends { key: number }>(props: {
  title: string;
  explanation?: string;
  error?: string;
  rows: Row[];
  renderFields: (row: Row, index: number, number: string) => ReactNode;
  removeLabel: (number: string) => string;
  onRemove: (index: number) => void;
  addLabel: string;
  onAdd: () => void;
  minRows?: number;
}) {
  const { rows, minRows = 1 } = props;
  return (
    <Box marginTop={2}>
      <Typography variant="subtitle1" component="h3">
        {props.title}
      </Typography>
      {props.explanation && (
        <Typography variant="body2" color="textSecondary">
          {props.explanation}
        </Typography>
      )}
      {props.error && (
        <Typography variant="body2" color="error">
          {props.error}
        </Typography>
      )}
      {rows.map((row, index) => {
        const number = String(index + 1);
        return (
          <Box key={row.key} display="flex" gridGap={8} alignItems="flex-start">
            {props.renderFields(row, index, number)}
            <IconButton
              aria-label={props.removeLabel(number)}
              disabled={rows.length <= minRows}
              onClick={() => props.onRemove(index)}
            >
              <DeleteIcon />
            </IconButton>
          </Box>
        );
      })}
      <Button startIcon={<AddIcon />} onClick={props.onAdd}>
        {props.addLabel}
      </Button>
    </Box>
  );
}
