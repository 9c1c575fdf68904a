export { GateDialog, GateEvidence } from './GateDialog';
