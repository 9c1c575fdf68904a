export { CompatibilityCard, useCompatibilityMatrix } from './CompatibilityCard';
