import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { TrainStandup } from '@release-coordination/plugin-release-coordination-common';
import {
  Clock,
  systemClock,
} from '@release-coordination/plugin-release-coordination-node';
import { CallerVisibility } from '../access/visibility';
import { trainPageLink } from '../notifications/portalLinks';
import { TrainNotification } from '../trains/announcements';
import { TrainRecord, TrainStore } from '../trains/TrainStore';
import { StandupService } from './StandupService';

/** Lets ambassadors mute the digest without muting other release notifications. */
export const STANDUP_DIGEST_TOPIC = 'release-coordination.standup-digest';

/** The digest covers what a daily standup would: the last day. */
const DIGEST_PERIOD_MS = 24 * 60 * 60 * 1000;

/** Trains read per page: many active trains must not be held in memory at once. */
export const DIGEST_PAGE_SIZE = 50;

/**
 * The digest reads each standup as the plugin itself does. No user asked for it, and the
 * ambassador runs the train: a participant they could not see in the catalog still holds it.
 */
const PLUGIN_VISIBILITY: CallerVisibility = {
  of: async () => ({ isVisible: () => true, redact: ref => ref }),
};

const counted = (count: number, one: string, many: string) =>
  `${count} ${count === 1 ? one : many}`;

/** `group:default/team-a` as `team-a`: the description is read in a notification list. */
const shortRef = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

/**
 * What changed in a standup, as one line ("3 decisions, 2 gates became blocking (team-a,
 * team-b), ..."); undefined when nothing did, so that nobody is told of a quiet day.
 */
export function describeStandupChanges(
  standup: TrainStandup,
): string | undefined {
  const teamsBlocking = standup.teams.filter(team =>
    team.blockingGates.some(gate => gate.becameBlocking),
  );
  const becameBlocking =
    standup.trainGates.filter(gate => gate.becameBlocking).length +
    standup.teams.reduce(
      (sum, team) =>
        sum + team.blockingGates.filter(gate => gate.becameBlocking).length,
      0,
    );
  const failingChecks = standup.teams.reduce(
    (sum, team) => sum + team.failingChecks.length,
    0,
  );
  const parts: string[] = [];
  if (standup.decisionCount > 0)
    parts.push(counted(standup.decisionCount, 'decision', 'decisions'));
  if (becameBlocking > 0) {
    const teams = teamsBlocking.map(team => shortRef(team.teamRef));
    const named = teams.length > 0 ? ` (${teams.join(', ')})` : '';
    parts.push(
      `${counted(becameBlocking, 'gate became', 'gates became')} blocking${named}`,
    );
  }
  if (failingChecks > 0)
    parts.push(counted(failingChecks, 'failing check', 'failing checks'));
  if (standup.newCollisions.length > 0)
    parts.push(
      counted(standup.newCollisions.length, 'new collision', 'new collisions'),
    );
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** The one notification a train's ambassador gets for its standup. */
export function standupDigestNotification(
  train: Pick<TrainRecord, 'id' | 'name' | 'ambassadorRef'>,
  description: string,
): TrainNotification {
  return {
    recipients: { type: 'entity', entityRef: train.ambassadorRef },
    payload: {
      title: `Standup digest: release train '${train.name}'`,
      description,
      link: trainPageLink(train.id, 'standup'),
      severity: 'normal',
      topic: STANDUP_DIGEST_TOPIC,
    },
  };
}

/** A daily summary of each active train's standup for its ambassador. */
export interface StandupDigest {
  /** One run: each active train with news gets one notification; a failed train is logged. */
  sendDigests(): Promise<{ sent: number; skipped: number }>;
}

/** Creates the {@link StandupDigest}. */
export function createStandupDigest(options: {
  trains: Pick<TrainStore, 'listTrains'>;
  standups: Pick<StandupService, 'standup'>;
  notifications: Pick<NotificationService, 'send'>;
  logger: LoggerService;
  /** Where "now" comes from; the system clock unless a test sets it. */
  clock?: Clock;
}): StandupDigest {
  const { trains, standups, notifications, logger } = options;
  const clock = options.clock ?? systemClock;
  return {
    async sendDigests() {
      const since = new Date(clock.now().getTime() - DIGEST_PERIOD_MS);
      // A train created during the run shifts the pages by one: the id set keeps a train that
      // shows up on two pages from getting two digests.
      const seen = new Set<string>();
      let sent = 0;
      let skipped = 0;
      for (let offset = 0; ; offset += DIGEST_PAGE_SIZE) {
        const page = await trains.listTrains({
          status: 'active',
          limit: DIGEST_PAGE_SIZE,
          offset,
        });
        for (const train of page.items) {
          if (seen.has(train.id)) continue;
          seen.add(train.id);
          try {
            const description = describeStandupChanges(
              await standups.standup(train.id, since, PLUGIN_VISIBILITY),
            );
            if (!description) {
              skipped++;
              continue;
            }
            await notifications.send(
              standupDigestNotification(train, description),
            );
            sent++;
          } catch (error) {
            // One train's trouble (it ended meanwhile, a notification that failed) must not
            // keep the other ambassadors from theirs.
            logger.warn(
              `Could not send the standup digest of release train ${train.id}: ${error}`,
            );
          }
        }
        if (
          page.items.length < DIGEST_PAGE_SIZE ||
          offset + DIGEST_PAGE_SIZE >= page.totalCount
        )
          break;
      }
      return { sent, skipped };
    },
  };
}
