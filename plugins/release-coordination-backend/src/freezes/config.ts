import { Config } from '@backstage/config';
import {
  FreezeScope,
  FreezeWindow,
  normalizeEntityRef,
} from '@release-coordination/plugin-release-coordination-common';

const KEY = 'releaseCoordination.freezes';

/** ISO 8601: a date (midnight UTC) or a date-time with an offset, as `new Date` reads both. */
const ISO_TIME =
  /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Reads `releaseCoordination.freezes: [{ start, end, reason, scope? }]`, the freezes every
 * environment of the organisation shares (e.g. the year-end holidays). A mistake fails the
 * start with every problem listed, rather than a freeze that quietly never holds.
 */
export function readConfiguredFreezes(config: Config): FreezeWindow[] {
  const entries = config.getOptionalConfigArray(KEY) ?? [];
  const problems: string[] = [];
  const freezes: FreezeWindow[] = [];
  entries.forEach((entry, index) => {
    const where = `${KEY}[${index}]`;
    const time = (key: 'start' | 'end') => {
      const value = entry.getOptionalString(key);
      if (value === undefined) problems.push(`${where}.${key} is missing`);
      else if (!ISO_TIME.test(value) || Number.isNaN(Date.parse(value))) {
        problems.push(
          `${where}.${key}: '${value}' is not an ISO 8601 date or date-time`,
        );
      } else return new Date(value);
      return undefined;
    };
    const start = time('start');
    const end = time('end');
    const reason = entry.getOptionalString('reason')?.trim();
    if (!reason)
      problems.push(`${where}.reason is missing: say why nothing may ship`);
    if (start && end && start.getTime() >= end.getTime()) {
      problems.push(`${where}: start must be before end`);
    }
    let scope: FreezeScope = { kind: 'all' };
    const scopeConfig = entry.getOptionalConfig('scope');
    if (scopeConfig) {
      const kind = scopeConfig.getOptionalString('kind');
      const ref = scopeConfig.getOptionalString('ref');
      if (kind === 'system' || kind === 'domain') {
        if (ref) scope = { kind, ref: normalizeEntityRef(ref, kind) };
        else problems.push(`${where}.scope.ref is missing: name the ${kind}`);
      } else if (kind !== 'all') {
        problems.push(`${where}.scope.kind must be all, system or domain`);
      }
    }
    if (start && end && reason) {
      freezes.push({
        id: `config-${index + 1}`,
        startsAt: start.toISOString(),
        endsAt: end.toISOString(),
        reason,
        scope,
        source: 'config',
      });
    }
  });
  if (problems.length > 0)
    throw new Error(`Invalid change freezes: ${problems.join('; ')}`);
  return freezes;
}
