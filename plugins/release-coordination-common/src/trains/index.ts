export * from './types';
export * from './drift';
