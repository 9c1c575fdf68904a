import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import { createTrainReaderOf } from '../access';
import { createContractRouter } from '../http/contractRouter';
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
  const readerOf = createTrainReaderOf({ httpAuth, permissions });
  router.get('/trains/:trainId/risk', async (req, res) => {
    await readerOf(req);
    res.json(await risk.trainRisk(req.params.trainId));
  });
  return router;
}
