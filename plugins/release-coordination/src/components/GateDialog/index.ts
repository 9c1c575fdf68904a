export { GateDialog, GateEvidence, approversSentence } from './GateDialog';
