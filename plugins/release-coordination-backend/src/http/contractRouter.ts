import { internal, TypedRouter } from '@backstage/backend-openapi-utils';
import express from 'express';
import Router from 'express-promise-router';
import { EndpointMap } from '../schema/openapi/generated';

type PatchEndpoint = keyof EndpointMap extends infer Key
  ? Key extends `#patch|${infer Path}`
    ? Path
    : never
  : never;
type PathTemplate<Path extends string> = Path extends `${infer Head}{${infer Name}}${infer Tail}`
  ? `${Head}:${Name}${PathTemplate<Tail>}`
  : Path;
type PatchEndpointOf<Template extends string> = {
  [Path in PatchEndpoint]: Template extends PathTemplate<Path> ? Path : never;
}[PatchEndpoint];

/** The typed handler of a PATCH route, as `TypedRouter` types those of the other methods. */
type PatchHandler<Path extends PatchEndpoint, Method = 'patch'> =
  Method extends internal.DocEndpointMethod<EndpointMap, Path>
    ? internal.EndpointMapRequestHandler<EndpointMap, Path, Method>
    : never;

interface PatchMatcher<Self> {
  <Template extends PathTemplate<PatchEndpoint>>(
    path: Template,
    ...handlers: Array<PatchHandler<PatchEndpointOf<Template>>>
  ): Self;
}

/**
 * A feature's router, typed from the OpenAPI document: path parameters, query, body and the JSON
 * a handler answers are the document's types for the route. `TypedRouter` of
 * `@backstage/backend-openapi-utils` types get, post, put and delete; PATCH is typed here the
 * same way (listed first, so that its typed signature is the one a handler is checked against).
 */
export type ContractRouter = { patch: PatchMatcher<ContractRouter> } & TypedRouter<EndpointMap>;

/** Any request of a contract router, whatever its path, query and body types. */
export type RouteRequest = express.Request<any, any, any, any, any>;

/**
 * A router for one feature's routes. It does not validate by itself: the plugin's router
 * (`createRouter`) validates every request against the document once, before any feature
 * router sees it, so a feature router is only ever mounted inside that one.
 */
export function createContractRouter(): ContractRouter {
  return Router() as express.Router as ContractRouter;
}
