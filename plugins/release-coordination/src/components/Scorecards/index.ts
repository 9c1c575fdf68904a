export { ScorecardsPage, ScorecardsPageContent, Scorecards } from './ScorecardsPage';
