import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  AddCadenceHandoverRequest,
  CadenceDetail,
  CadenceHandover,
  CadenceRotationChange,
  CadenceTrain,
  CreateCadenceRequest,
  NextCadenceTrain,
  Page,
  RecordRotationChangeRequest,
  ReleaseCadence,
} from '@release-coordination/plugin-release-coordination-common';
import { PageRequest } from '../database/paging';
import { CadenceServiceOptions, createCadenceCore } from './core';
import { createRotationRecords } from './rotationRecords';
import { createCadenceSetup } from './setup';

export type { CadenceServiceOptions } from './core';
export { ROTATION_TOPIC } from './rotationRecords';

/** Release cadences: series of trains, their windows and their ambassador rotation. */
export interface CadenceService {
  list(page: PageRequest): Promise<Page<ReleaseCadence>>;
  create(
    request: CreateCadenceRequest,
    credentials: BackstageCredentials,
  ): Promise<ReleaseCadence>;
  /** 404 for an unknown cadence. */
  detail(cadenceId: string): Promise<CadenceDetail>;
  /** The next train of the series, pre-filled. */
  next(cadenceId: string): Promise<NextCadenceTrain>;
  setRoster(
    cadenceId: string,
    memberRefs: string[],
    credentials: BackstageCredentials,
  ): Promise<CadenceDetail>;
  listTrains(cadenceId: string, page: PageRequest): Promise<Page<CadenceTrain>>;
  recordRotationChange(
    cadenceId: string,
    request: RecordRotationChangeRequest,
    credentials: BackstageCredentials,
  ): Promise<CadenceRotationChange>;
  addHandover(
    cadenceId: string,
    request: AddCadenceHandoverRequest,
    credentials: BackstageCredentials,
  ): Promise<CadenceHandover>;
}

/** Creates the {@link CadenceService} from its parts, which share one core. */
export function createCadenceService(
  options: CadenceServiceOptions,
): CadenceService {
  const core = createCadenceCore(options);
  const { store, requireCadence, detailOf, nextOf } = core;
  return {
    list: page => store.listCadences(page),

    async detail(cadenceId) {
      return detailOf(await requireCadence(cadenceId));
    },

    async next(cadenceId) {
      return nextOf(await requireCadence(cadenceId));
    },

    async listTrains(cadenceId, page) {
      await requireCadence(cadenceId);
      return store.listTrains(cadenceId, page);
    },

    ...createCadenceSetup(core),
    ...createRotationRecords(core),
  };
}
