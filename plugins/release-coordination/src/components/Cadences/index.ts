export { CadencesContent, CadencesPage, CadenceView } from './CadencesPage';
