import { Box, makeStyles, TableRow, Typography } from '@material-ui/core';
import { MouseEvent, ReactElement, ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';

/** Every chart is this tall: tall enough to read, short enough to keep tables on screen. */
export const CHART_HEIGHT = 280;

const useStyles = makeStyles(theme => ({
  clickable: {
    cursor: 'pointer',
    '&:focus-within': { background: theme.palette.action.hover },
  },
  figure: { margin: 0 },
  hidden: {
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
}));

/** Text for screen readers only, e.g. the header of a column of buttons. */
export function VisuallyHidden(props: { children: ReactNode }) {
  const classes = useStyles();
  return <span className={classes.hidden}>{props.children}</span>;
}

/**
 * A chart with the text a screen reader reads instead: the chart itself is one image whose
 * label summarises it, and a table beside or below it holds the numbers.
 */
export function ChartFigure(props: { summary: string; children: ReactElement }) {
  const classes = useStyles();
  return (
    <figure className={classes.figure}>
      <Box role="img" aria-label={props.summary} height={CHART_HEIGHT} width="100%">
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          {props.children}
        </ResponsiveContainer>
      </Box>
    </figure>
  );
}

/**
 * A table row that opens something when clicked anywhere but on its own links and buttons
 * (those keep their meaning, and the button is the keyboard's way in).
 */
export function OpeningRow(props: { onOpen: () => void; children: ReactNode }) {
  const { onOpen, children } = props;
  const classes = useStyles();
  const onClick = (event: MouseEvent<HTMLTableRowElement>) => {
    if ((event.target as Element).closest('a, button')) return;
    onOpen();
  };
  return (
    <TableRow hover className={classes.clickable} onClick={onClick}>
      {children}
    </TableRow>
  );
}

/** A short note under a chart or table. */
export function ChartNote(props: { children: ReactNode }) {
  return (
    <Typography variant="caption" color="textSecondary" component="p">
      {props.children}
    </Typography>
  );
}
