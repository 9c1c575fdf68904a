import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import { createTrainReaderOf } from '../access';
import { VisibilityResolver } from '../access/visibility';
import { createContractRouter } from '../http/contractRouter';
import { pageOf } from '../http/validation';
import { ReviewReader } from './ReviewReader';
import { ReviewService } from './ReviewService';

/**
 * Routes of a train's joint release review. Everyone who reads the train reads its review; the
 * service says who may keep the register and who signs off for a team.
 */
export function createReviewRouter(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  reviews: ReviewService;
  reader: ReviewReader;
  visibility: VisibilityResolver;
}): express.Router {
  const { httpAuth, permissions, reviews, reader, visibility } = options;
  const router = createContractRouter();
  const readerOf = createTrainReaderOf({ httpAuth, permissions });

  router.get('/trains/:trainId/review', async (req, res) => {
    const credentials = await readerOf(req);
    res.json(
      await reader.review(req.params.trainId, {
        credentials,
        visibility: visibility.forCaller(credentials),
      }),
    );
  });
  router.get('/trains/:trainId/review/risks', async (req, res) => {
    await readerOf(req);
    res.json(await reviews.listRisks(req.params.trainId, pageOf(req.query)));
  });
  router.post('/trains/:trainId/review/risks', async (req, res) => {
    const credentials = await readerOf(req);
    res
      .status(201)
      .json(
        await reviews.registerRisk(req.params.trainId, req.body, credentials),
      );
  });
  router.patch('/trains/:trainId/review/risks/:riskId', async (req, res) => {
    const credentials = await readerOf(req);
    res.json(
      await reviews.updateRisk(
        req.params.trainId,
        req.params.riskId,
        req.body,
        credentials,
      ),
    );
  });
  router.post('/trains/:trainId/review/sign-offs', async (req, res) => {
    const credentials = await readerOf(req);
    res
      .status(201)
      .json(await reviews.signOff(req.params.trainId, req.body, credentials));
  });
  return router;
}
