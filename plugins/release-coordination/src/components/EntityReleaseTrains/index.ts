export { EntityReleaseTrainsContent } from './EntityReleaseTrainsContent';
export { EntityReleaseTrainCard } from './EntityReleaseTrainCard';
