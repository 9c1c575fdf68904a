import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ReleaseDictionary } from '@release-coordination/plugin-release-coordination-common';
import express from 'express';
import { createContractRouter } from '../http/contractRouter';

/** The release dictionary, read from app-config and validated when the backend started. */
export function createDictionaryRouter(options: {
  httpAuth: HttpAuthService;
  dictionary: ReleaseDictionary;
}): express.Router {
  const { httpAuth, dictionary } = options;
  const router = createContractRouter();

  router.get('/dictionary', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json(dictionary);
  });

  return router;
}
