import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { ReactNode } from 'react';

/**
 * The body of a card whose data is fetched and refetched when the train changes: a progress on
 * the first load, the error when nothing could be loaded, `empty` when there is nothing to show,
 * else the children. A refetch keeps the last answer on screen, so that an open dialog stays
 * open and the card does not flicker.
 */
export function LoadedContent<T>(props: {
  state: { value?: T; loading: boolean; error?: Error };
  /** What could not be loaded, e.g. "Could not load the feature flags". */
  errorTitle: string;
  isEmpty: (value: T) => boolean;
  empty: ReactNode;
  children: (value: T) => ReactNode;
}) {
  const { state, errorTitle, isEmpty, empty, children } = props;
  const { value, loading, error } = state;
  if (loading && !value) return <Progress />;
  if (error && !value) return <ResponseErrorPanel error={error} title={errorTitle} />;
  if (!value || isEmpty(value)) return <>{empty}</>;
  return <>{children(value)}</>;
}
