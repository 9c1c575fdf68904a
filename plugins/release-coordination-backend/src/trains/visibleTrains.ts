import { InputError } from '@backstage/errors';
import {
  EntityTrain,
  Page,
  TrainDecision,
  TrainDependencyDrift,
  TrainDetail,
  VisiblePage,
} from '@release-coordination/plugin-release-coordination-common';
import { CallerVisibility, EntityVisibility, hiddenCounts } from '../access';
import { notAParticipant, requireActive } from './model';
import { TrainRecord } from './TrainStore';

/**
 * Reads of trains as one caller may see them: whatever names a catalog entity the caller may
 * not read is left out and counted, never named. The services answer with everything; these
 * narrow the answer on its way out, deciding every ref of one answer in one catalog look-up.
 */

/** A decision-log subject that is an entity ref, or starts with one (`ref#check-name`). */
const REF_SUBJECT = /^[^:/#\s]+:[^:/#\s]+\/[^/#\s]+/;
/** A whole string that is an entity ref. */
const REF = /^[^:/#\s]+:[^:/#\s]+\/[^/#\s]+$/;

function subjectRef(subject: string): string | undefined {
  return REF_SUBJECT.exec(subject)?.[0];
}

/** Participants the caller may not see leave the train with their gates, counted. */
export async function visibleTrain(
  train: TrainDetail,
  caller: CallerVisibility,
): Promise<TrainDetail> {
  const visibility = await caller.of([
    ...train.participants.map(p => p.entityRef),
    ...train.gates.flatMap(g => (g.participantRef ? [g.participantRef] : [])),
  ]);
  const seen = (ref: string | undefined) => ref === undefined || visibility.isVisible(ref);
  const participants = train.participants.filter(p => seen(p.entityRef));
  const gates = train.gates.filter(g => seen(g.participantRef));
  const { hidden: _stale, ...rest } = train;
  return {
    ...rest,
    participants,
    gates,
    ...hiddenCounts({
      participants: train.participants.length - participants.length,
      gates: train.gates.length - gates.length,
    }),
  };
}

/**
 * A train's dependency drift without the participants the caller may not see: their edges and
 * their joining or leaving are left out, and how many such participants there were is counted.
 */
export async function visibleDependencyDrift(
  drift: TrainDependencyDrift,
  caller: CallerVisibility,
): Promise<TrainDependencyDrift> {
  const refs = new Set(
    drift.steps.flatMap(step => [
      ...[...step.added, ...step.removed].flatMap(edge => [edge.from, edge.to]),
      ...(step.joined ?? []),
      ...(step.left ?? []),
    ]),
  );
  const visibility = await caller.of(refs);
  const seen = (ref: string) => visibility.isVisible(ref);
  const edges = (list: { from: string; to: string }[]) =>
    list.filter(edge => seen(edge.from) && seen(edge.to));
  const steps = drift.steps.map(step => {
    const { joined, left, ...rest } = step;
    const shownJoined = joined?.filter(seen);
    const shownLeft = left?.filter(seen);
    return {
      ...rest,
      added: edges(step.added),
      removed: edges(step.removed),
      ...(shownJoined?.length ? { joined: shownJoined } : {}),
      ...(shownLeft?.length ? { left: shownLeft } : {}),
    };
  });
  const { hidden: _stale, ...rest } = drift;
  return {
    ...rest,
    steps,
    ...hiddenCounts({ participants: [...refs].filter(ref => !seen(ref)).length }),
  };
}

/**
 * An entity's trains. For an entity the caller may not see, the answer of an entity that takes
 * part in nothing; for a System, the participations of Components hidden from the caller are
 * left out and counted.
 */
export async function visibleEntityTrains(
  entityRef: string,
  page: Page<EntityTrain>,
  caller: CallerVisibility,
): Promise<VisiblePage<EntityTrain>> {
  const visibility = await caller.of([entityRef, ...page.items.map(i => i.participant.entityRef)]);
  if (!visibility.isVisible(entityRef)) return { totalCount: 0, items: [] };
  const items = page.items.filter(item => visibility.isVisible(item.participant.entityRef));
  return {
    totalCount: page.totalCount,
    items,
    ...hiddenCounts({ items: page.items.length - items.length }),
  };
}

/** The entity refs anywhere in a decision's before or after, e.g. a new train's participants. */
function refsIn(value: unknown): string[] {
  if (typeof value === 'string') return REF.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(refsIn);
  return [];
}

/** A decision's before or after without the refs the caller may not see. */
function redactValue(value: unknown, visibility: EntityVisibility): unknown {
  if (typeof value === 'string') return REF.test(value) ? visibility.redact(value) : value;
  if (Array.isArray(value)) {
    return value
      .filter(item => typeof item !== 'string' || !REF.test(item) || visibility.isVisible(item))
      .map(item => redactValue(item, visibility));
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactValue(item, visibility)]),
    );
  }
  return value;
}

/**
 * Decisions about an entity the caller may not see, by ref or by subject, are left out and
 * counted. In the others, such refs leave lists (a new train's participants) and are masked
 * elsewhere.
 */
export async function visibleDecisions(
  page: Page<TrainDecision>,
  caller: CallerVisibility,
): Promise<VisiblePage<TrainDecision>> {
  const aboutRefs = (decision: TrainDecision) => {
    const fromSubject = subjectRef(decision.subject);
    return [
      ...(decision.entityRef ? [decision.entityRef] : []),
      ...(fromSubject ? [fromSubject] : []),
    ];
  };
  const visibility = await caller.of(
    page.items.flatMap(d => [...aboutRefs(d), ...refsIn(d.before), ...refsIn(d.after)]),
  );
  const items = page.items
    .filter(decision => aboutRefs(decision).every(ref => visibility.isVisible(ref)))
    .map(decision => {
      const { before, after } = decision;
      return {
        ...decision,
        ...(before !== undefined ? { before: redactValue(before, visibility) } : {}),
        ...(after !== undefined ? { after: redactValue(after, visibility) } : {}),
      };
    });
  return {
    totalCount: page.totalCount,
    items,
    ...hiddenCounts({ items: page.items.length - items.length }),
  };
}

/**
 * A participant the caller may not see is changed or removed as one that is not in the train:
 * the same 409 for a train that no longer changes, else the same 404.
 */
export async function requireVisibleParticipant(
  entityRef: string,
  train: TrainRecord,
  caller: CallerVisibility,
): Promise<void> {
  if ((await caller.of([entityRef])).isVisible(entityRef)) return;
  requireActive(train);
  throw notAParticipant(entityRef, train);
}

/**
 * Refs a new train or participant names that the caller may not see get the very answer an
 * unknown ref gets, so that the 400 tells nothing about what exists beyond the caller's view.
 * Refs unknown to everyone are refused here too, with the same words.
 */
export async function requireVisibleEntities(
  refs: string[],
  caller: CallerVisibility,
  /** As the service words it: `entity` when one participant is added, `entities` otherwise. */
  noun: 'entity' | 'entities',
): Promise<void> {
  const visibility = await caller.of(refs);
  const invisible = [...new Set(refs.filter(ref => !visibility.isVisible(ref)))];
  if (invisible.length > 0) {
    const capitalised = noun === 'entity' ? 'Unknown entity' : 'Unknown entities';
    throw new InputError(`${capitalised}, not in the catalog: ${invisible.join(', ')}`);
  }
}
