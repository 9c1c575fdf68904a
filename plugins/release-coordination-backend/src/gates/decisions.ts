import { TrainCore } from '../trains/core';
import { createApprovalDecisions } from './approvals';
import { createCheckReports } from './checkReports';
import { createWaivers } from './waivers';

/**
 * The decisions on gates: approvals and rejections by members of the approver Group, waivers,
 * and check results reported by CI.
 */
export function createGateDecisions(core: TrainCore) {
  return {
    ...createApprovalDecisions(core),
    ...createWaivers(core),
    ...createCheckReports(core),
  };
}
