import { useRef, useState } from 'react';

/** The rows of a list and what a form does with them. */
export type EditableRowsState<Row extends { key: number }> = {
  rows: Row[];
  change: (index: number, fields: Partial<Omit<Row, 'key'>>) => void;
  remove: (index: number) => void;
  add: () => void;
};

/**
 * The rows of an `EditableRows` list as a form keeps them: changing the fields of one row,
 * removing one and adding an empty one at the end. Each added row gets a key no row had before,
 * so that React keeps every row's input with its row as rows come and go.
 */
export function useEditableRows<Row extends { key: number }>(
  initialRows: () => Row[],
  emptyRow: (key: number) => Row,
): EditableRowsState<Row> {
  const [rows, setRows] = useState<Row[]>(initialRows);
  // Only the first render's rows count: later keys follow the highest of them.
  const lastKey = useRef(Math.max(-1, ...rows.map(row => row.key)));

  const change = (index: number, fields: Partial<Omit<Row, 'key'>>) =>
    setRows(current =>
      current.map((row, i) => (i === index ? { ...row, ...fields } : row)),
    );
  const remove = (index: number) =>
    setRows(current => current.filter((_, i) => i !== index));
  const add = () => {
    lastKey.current += 1;
    const key = lastKey.current;
    setRows(current => [...current, emptyRow(key)]);
  };

  return { rows, change, remove, add };
}
