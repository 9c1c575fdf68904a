export { EntityReleaseTrainsContent } from './EntityReleaseTrainsContent';
