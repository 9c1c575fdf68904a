import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ReleaseDictionary } from '@release-coordination/plugin-release-coordination-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parseInput } from '../http/validation';

const emptyQuery = z.object({}).strict();

/** The release dictionary, read from app-config and validated when the backend started. */
export function createDictionaryRouter(options: {
  httpAuth: HttpAuthService;
  dictionary: ReleaseDictionary;
}): express.Router {
  const { httpAuth, dictionary } = options;
  const router = Router();

  router.get('/dictionary', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    parseInput(emptyQuery, req.query, 'query');
    res.json(dictionary);
  });

  return router;
}
