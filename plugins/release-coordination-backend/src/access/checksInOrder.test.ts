import { InputError, NotAllowedError } from '@backstage/errors';
import { checksInOrder } from './checksInOrder';

const after = <T>(ms: number, outcome: () => T) =>
  new Promise<T>((resolve, reject) =>
    setTimeout(() => {
      try {
        resolve(outcome());
      } catch (error) {
        reject(error);
      }
    }, ms),
  );

describe('checksInOrder', () => {
  it('refuses with the first failed check in the order given, not the first to fail', async () => {
    const refusal = after(30, () => {
      throw new NotAllowedError('You are not allowed to create trains');
    });
    const badInput = after(1, () => {
      throw new InputError('Unknown entities');
    });
    await expect(checksInOrder([refusal, badInput])).rejects.toThrow(
      NotAllowedError,
    );
  });

  it('waits for every check and passes when all pass', async () => {
    const done: number[] = [];
    await checksInOrder([
      after(20, () => done.push(1)),
      after(1, () => done.push(2)),
    ]);
    expect(done.sort()).toEqual([1, 2]);
  });

  it('waits for the checks still running when one was refused', async () => {
    let finished = false;
    const refusal = Promise.reject(new NotAllowedError('refused'));
    const slow = after(20, () => {
      finished = true;
    });
    await expect(checksInOrder([refusal, slow])).rejects.toThrow(
      NotAllowedError,
    );
    expect(finished).toBe(true);
  });
});
