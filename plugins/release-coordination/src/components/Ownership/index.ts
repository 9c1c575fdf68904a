export { EntityOwnershipContent, OwnershipView } from './EntityOwnershipContent';
