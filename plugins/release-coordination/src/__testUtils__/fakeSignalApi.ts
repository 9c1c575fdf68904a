/**
 * A signal API whose messages the test sends: `emit` hands a message to every subscribed view,
 * as the backend's signal does when a train changes. Views that show a train refetch on it.
 */
export function fakeSignalApi() {
  const listeners: Array<(message: any) => void> = [];
  return {
    api: {
      subscribe: (_channel: string, onMessage: (message: any) => void) => {
        listeners.push(onMessage);
        return { unsubscribe: () => {} };
      },
    },
    emit: (message: object) => listeners.forEach(listener => listener(message)),
  };
}
