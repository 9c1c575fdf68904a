import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import { createTrainReaderOf } from '../access';
import { VisibilityResolver } from '../access/visibility';
import { createContractRouter } from '../http/contractRouter';
import { DeployIncidentService } from './deployIncidents';
import { RunbookService } from './RunbookService';

/**
 * `GET /trains/:trainId/runbook`: the train's runbook, as the caller may see the catalog;
 * `POST /trains/:trainId/runbook/incidents`: an incident during the deploy, which tells the
 * escalation contacts of the participants concerned (the service says who may declare one).
 */
export function createRunbookRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  runbooks: RunbookService;
  deployIncidents: DeployIncidentService;
  visibility: VisibilityResolver;
}): express.Router {
  const { httpAuth, permissions, runbooks, deployIncidents, visibility } =
    options;
  const router = createContractRouter();
  const readerOf = createTrainReaderOf({ httpAuth, permissions });
  router.get('/trains/:trainId/runbook', async (req, res) => {
    const credentials = await readerOf(req);
    res.json(
      await runbooks.runbook(req.params.trainId, {
        credentials,
        visibility: visibility.forCaller(credentials),
      }),
    );
  });
  router.post('/trains/:trainId/runbook/incidents', async (req, res) => {
    const credentials = await readerOf(req);
    const declared = await deployIncidents.declare(
      req.params.trainId,
      req.body,
      credentials,
      visibility.forCaller(credentials),
    );
    res.status(201).json(declared);
  });

  return router;
}
