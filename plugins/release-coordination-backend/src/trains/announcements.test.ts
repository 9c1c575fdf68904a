import { mockServices } from '@backstage/backend-test-utils';
import { TrainNotification, createTrainAnnouncer } from './announcements';

const note = (title: string): TrainNotification => ({
  recipients: { type: 'entity', entityRef: ['group:default/team-pay'] },
  payload: { title },
});

/** A promise and the function that resolves it, to hold a delivery back. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>(resolve => {
    open = resolve;
  });
  return { open, opened };
}

describe('createTrainAnnouncer', () => {
  it('returns before the notifications went out; settled waits for them', async () => {
    const sent: string[] = [];
    const published: unknown[] = [];
    const slowService = gate();
    const announcer = createTrainAnnouncer({
      signals: { publish: async signal => void published.push(signal) },
      notifications: {
        send: async notification => {
          await slowService.opened;
          sent.push(notification.payload.title);
        },
      },
      logger: mockServices.logger.mock(),
    });

    await announcer.announce('train-1', async () => [note('Gates await you')]);
    // The signal is on its way at once; the notification service has not answered yet.
    expect(published).toHaveLength(1);
    expect(sent).toEqual([]);

    let settled = false;
    const waiting = announcer.settled().then(() => {
      settled = true;
    });
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(settled).toBe(false);

    slowService.open();
    await waiting;
    expect(sent).toEqual(['Gates await you']);
  });

  it('logs what could not be sent and never rejects', async () => {
    const logger = mockServices.logger.mock();
    const announcer = createTrainAnnouncer({
      signals: {
        publish: async () => {
          throw new Error('signals down');
        },
      },
      notifications: {
        send: async () => {
          throw new Error('notifications down');
        },
      },
      logger,
    });

    await announcer.announce('train-2', async () => [note('Check failed')]);
    await announcer.announce('train-3', async () => {
      throw new Error('graph unavailable');
    });
    await announcer.settled();

    const warnings = (logger.warn.mock.calls as unknown[][]).map(call => String(call[0]));
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/train-2: Error: signals down/),
        expect.stringMatching(/'Check failed' of train train-2: Error: notifications down/),
        expect.stringMatching(/compose notifications for train train-3: Error: graph unavailable/),
      ]),
    );
  });

  it('settles at once when nothing is under way', async () => {
    const announcer = createTrainAnnouncer({
      signals: { publish: async () => {} },
      notifications: { send: async () => {} },
      logger: mockServices.logger.mock(),
    });
    await expect(announcer.settled()).resolves.toBeUndefined();
  });
});
