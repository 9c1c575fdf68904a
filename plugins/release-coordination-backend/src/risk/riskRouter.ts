import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { trainReadPermission } from '@release-coordination/plugin-release-coordination-common';
import express from 'express';
import { createReaderOf } from '../access';
import { createContractRouter } from '../http/contractRouter';
import { TRAIN_READ_REFUSAL } from '../trains/trainRouter';
import { RiskService } from './RiskService';

/**
 * `GET /trains/:trainId/risk`: how risky a train is now, each factor with its weight and
 * value. The answer names no entity, only counts, so it is the same for every reader.
 */
export function createRiskRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  risk: RiskService;
}): express.Router {
  const { httpAuth, permissions, risk } = options;
  const router = createContractRouter();
  const readerOf = createReaderOf({
    httpAuth,
    permissions,
    permission: trainReadPermission,
    refusal: TRAIN_READ_REFUSAL,
  });
  router.get('/trains/:trainId/risk', async (req, res) => {
    await readerOf(req);
    res.json(await risk.trainRisk(req.params.trainId));
  });
  return router;
}
