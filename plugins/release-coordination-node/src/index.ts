/**
 * Extension points of the release-coordination backend, for backend modules that add custom
 * gate rules.
 *
 * @packageDocumentation
 */

export * from './extensions';
