/**
 * The signals channel on which the backend announces changes, for live views in the portal.
 *
 * @public
 */
export const RELEASE_COORDINATION_SIGNAL_CHANNEL = 'release-coordination';

/**
 * A train changed: its plan, participants, gates, stage or status. Views of the train (and
 * lists that show it) fetch it again.
 *
 * @public
 */
export type TrainChangedSignal = {
  type: 'train-changed';
  trainId: string;
};

/**
 * Every message sent on {@link RELEASE_COORDINATION_SIGNAL_CHANNEL}.
 *
 * @public
 */
export type ReleaseCoordinationSignal = TrainChangedSignal;
