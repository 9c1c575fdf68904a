export type { DeclareFreezeRequest, FreezeScope, FreezeWindow } from './types';
