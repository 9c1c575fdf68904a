export { RetrospectiveCard } from './RetrospectiveCard';
