export { StandupSection } from './StandupSection';
