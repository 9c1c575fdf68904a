export { ReviewSection } from './ReviewSection';
