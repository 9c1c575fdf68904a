import { GateState, TrainGate } from '@release-coordination/plugin-release-coordination-common';
import { StatusChip, StatusTone } from './StatusChip';
import { usePluginTranslation } from './translation';

/** A waived gate let the train through without being passed: amber, to be looked at again. */
const GATE_TONES: Record<GateState, StatusTone | undefined> = {
  passed: 'success',
  failed: 'error',
  waived: 'warning',
  pending: undefined,
};

/** A gate's state as a colored chip; the word is always shown, so color is never the only cue. */
export function GateStateChip(props: { state: GateState }) {
  const { t } = usePluginTranslation();
  return (
    <StatusChip label={t(`shared.gateStates.${props.state}`)} tone={GATE_TONES[props.state]} />
  );
}

/** Gates that still hold a train or an entity back: not passed and not waived. */
export function isOpenGate(gate: TrainGate): boolean {
  return gate.state === 'pending' || gate.state === 'failed';
}
