export * from './types';
export * from './logic';
