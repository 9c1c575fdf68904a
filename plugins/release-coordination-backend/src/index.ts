/**
 * The release-coordination backend plugin.
 *
 * @packageDocumentation
 */

export { releaseCoordinationPlugin as default } from './plugin';
