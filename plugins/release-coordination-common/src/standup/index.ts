export type { StandupGate, StandupTeam, TrainStandup } from './types';
