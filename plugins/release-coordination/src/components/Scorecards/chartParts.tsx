import { Box, makeStyles, Table, TableRow, Typography } from '@material-ui/core';
import { MouseEvent, ReactElement, ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip as ChartTooltip,
  XAxis,
  YAxis,
} from 'recharts';

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

/** One quantity a chart draws: on the value axis, or on the 0–100 % axis on the right. */
export type ChartSeries = {
  dataKey: string;
  name: string;
  color: string;
  percent?: boolean;
};

/**
 * A scorecard chart: the categories (teams, trains, stages) along the bottom, the values on the
 * left and, when a series is a rate, percentages on the right; a legend once there is more than
 * one series. `null` values leave a gap: a category without data is not one at zero. With
 * `onOpen`, clicking a category opens what it stands for, by its index in `data`.
 */
export function ScorecardChart(props: {
  /** What the chart shows, in words, for screen readers. */
  summary: string;
  type: 'bar' | 'line';
  data: object[];
  categoryKey: string;
  /** The unit of the value axis, e.g. `per week`. */
  valueLabel: string;
  series: ChartSeries[];
  onOpen?: (index: number) => void;
}) {
  const { summary, type, data, categoryKey, valueLabel, series, onOpen } = props;
  const Chart = type === 'bar' ? BarChart : LineChart;
  return (
    <ChartFigure summary={summary}>
      <Chart
        data={data}
        margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
        onClick={
          onOpen &&
          (state => {
            const index = state?.activeTooltipIndex;
            if (index !== undefined && data[index]) onOpen(index);
          })
        }
        style={onOpen && { cursor: 'pointer' }}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey={categoryKey} tick={{ fontSize: 12 }} />
        <YAxis
          yAxisId="value"
          label={{ value: valueLabel, angle: -90, position: 'insideLeft' }}
        />
        {series.some(s => s.percent) && (
          <YAxis yAxisId="percent" orientation="right" domain={[0, 100]} unit="%" />
        )}
        <ChartTooltip />
        {series.length > 1 && <Legend />}
        {series.map(s => {
          const drawn = {
            yAxisId: s.percent ? 'percent' : 'value',
            dataKey: s.dataKey,
            name: s.name,
            isAnimationActive: false,
          };
          return type === 'bar' ? (
            <Bar key={s.dataKey} {...drawn} fill={s.color} />
          ) : (
            <Line key={s.dataKey} {...drawn} stroke={s.color} />
          );
        })}
      </Chart>
    </ChartFigure>
  );
}

/**
 * The numbers of the chart above it as a table, for those who would rather read, and for
 * screen readers; it scrolls sideways rather than squeezing its columns.
 */
export function ChartTable(props: { label: string; children: ReactNode }) {
  return (
    <Box mt={2} overflow="auto">
      <Table size="small" aria-label={props.label}>
        {props.children}
      </Table>
    </Box>
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
