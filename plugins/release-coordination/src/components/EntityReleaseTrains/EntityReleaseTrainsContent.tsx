import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { Box, Chip, Grid, Typography } from '@material-ui/core';
import {
  EntityTrain,
  ReleaseTrainSummary,
  TrainGate,
} from '@release-coordination/plugin-release-coordination-common';
import useAsync from 'react-use/esm/useAsync';
import { releaseCoordinationApiRef } from '../../api';
import { releaseCoordinationTranslationRef } from '../../translations';
import { kindOfEntity } from '../../filters';
import { DictionaryTerm } from '../DictionaryTerms';
import { IncidentsCard } from '../Incidents';
import {
  GateStateChip,
  HiddenEntitiesNote,
  isOpenGate,
  sameRef,
  shortRef,
  ListPagination,
  PAGE_SIZES,
  usePagedList,
  useTrainChangedSignal,
  useTrainLink,
} from '../shared';

/** A page of the trains the entity takes part in, refetched when any of them changes. */
export function useEntityTrains(entityRef: string) {
  const api = useApi(releaseCoordinationApiRef);
  const list = usePagedList(page => api.listEntityTrains({ entityRef, ...page }), [api, entityRef], {
    pageSize: 10,
  });
  useTrainChangedSignal(list.retry);
  return list;
}

/** The entity's part in a train: a component's participation, or each of a system's components. */
type TrainGroup = { train: ReleaseTrainSummary; participations: EntityTrain[] };

/**
 * The entity's trains, in the order the backend answers, each with the participations in it.
 * For a System the backend answers one item per participating component of the system.
 */
export function groupByTrain(items: EntityTrain[]): TrainGroup[] {
  const groups = new Map<string, TrainGroup>();
  for (const item of items) {
    const group = groups.get(item.train.id);
    if (group) group.participations.push(item);
    else groups.set(item.train.id, { train: item.train, participations: [item] });
  }
  return [...groups.values()];
}

/**
 * The deployment waves of a train's participants. The entity's train entry does not list the
 * other participants, so the train is loaded for them, once per train however many of the
 * entity's components take part.
 */
function useTrainWaves(trainId: string) {
  const api = useApi(releaseCoordinationApiRef);
  return useAsync(async () => {
    const train = await api.getTrain({ trainId });
    const { plan } = await api.getDeploymentWaves({
      entityRefs: train.participants.map(p => p.entityRef),
    });
    return plan;
  }, [api, trainId]);
}

type WavesState = ReturnType<typeof useTrainWaves>;

function ParticipantWave(props: { waves: WavesState; entityRef: string; linkTerms: boolean }) {
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const { value: plan, loading, error } = props.waves;
  const word = t('entityTrains.wave.term');
  const term = props.linkTerms ? (
    <DictionaryTerm id="deployment-wave">{word}</DictionaryTerm>
  ) : (
    <>{word}</>
  );
  let text;
  if (loading) text = t('entityTrains.wave.loading', { term });
  else if (error) text = t('entityTrains.wave.unknown', { term, reason: error.message });
  else {
    const wave = plan?.waves.find(w => w.members.some(member => sameRef(member, props.entityRef)));
    if (!wave || !plan) text = t('entityTrains.wave.notInGraph', { term });
    else {
      const position = { term, index: String(wave.index + 1), total: String(plan.waves.length) };
      text = wave.cycle
        ? t('entityTrains.wave.positionInCycle', position)
        : t('entityTrains.wave.position', position);
    }
  }
  return (
    <Typography variant="body2" data-testid="participant-wave">
      {text}
    </Typography>
  );
}

/** The entity's gates that are not passed or waived, each with who or what decides it. */
export function WaitsOn(props: { gates: TrainGate[]; linkTerms: boolean }) {
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const open = props.gates.filter(isOpenGate);
  if (open.length === 0) {
    const word = t('entityTrains.waitsOn.waivedTerm');
    return (
      <Typography variant="body2">
        {t('entityTrains.waitsOn.nothing', {
          waived: props.linkTerms ? <DictionaryTerm id="waiver">{word}</DictionaryTerm> : <>{word}</>,
        })}
      </Typography>
    );
  }
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }}>
      {open.map(gate => (
        <li key={gate.id}>
          <Typography variant="body2" component="span">
            {gate.title} ({gate.stage}, {gate.state})
            {gate.kind === 'approval' &&
              (gate.approverRef
                ? t('entityTrains.waitsOn.decidedBy', {
                    approver: <EntityRefLink entityRef={gate.approverRef} defaultKind="group" />,
                  })
                : t('entityTrains.waitsOn.noApprover'))}
            {gate.kind === 'check' &&
              t('entityTrains.waitsOn.ciCheck', { check: gate.checkName ?? '' })}
            {gate.kind === 'rule' && gate.reason && ` — ${gate.reason}`}
          </Typography>
        </li>
      ))}
    </ul>
  );
}

/**
 * One participant of a train: target version, wave, its gates and what it waits on. On a
 * System page it is headed by the component it is about; on the component's own page the card
 * is about it already.
 */
function Participation(props: {
  item: EntityTrain;
  waves: WavesState;
  /** Whether the participant is the page's entity itself. */
  own: boolean;
  /** Link the release words to the dictionary: at their first mention in the card only. */
  linkTerms: boolean;
}) {
  const { item, waves, own, linkTerms } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const participantRef = item.participant.entityRef;
  const name = shortRef(participantRef);
  const gatesWord = own
    ? t('entityTrains.participation.gatesTermOwn')
    : t('entityTrains.participation.gatesTerm');
  const stageWord = t('entityTrains.participation.stageTerm');
  const terms = {
    gates: linkTerms ? <DictionaryTerm id="gate">{gatesWord}</DictionaryTerm> : <>{gatesWord}</>,
    stage: linkTerms ? <DictionaryTerm id="stage">{stageWord}</DictionaryTerm> : <>{stageWord}</>,
  };
  const heading = own
    ? t('entityTrains.participation.headingOwn', terms)
    : t('entityTrains.participation.heading', terms);
  return (
    <Box component="section" aria-label={own ? undefined : name}>
      {!own && (
        <Typography variant="h6" component="h3">
          <EntityRefLink entityRef={participantRef} defaultKind="component" />
        </Typography>
      )}
      <Typography variant="body2">
        {t('entityTrains.participation.targetVersion', {
          version: item.participant.targetVersion,
        })}
      </Typography>
      <ParticipantWave waves={waves} entityRef={participantRef} linkTerms={linkTerms} />
      <Box marginTop={1}>
        <Typography variant="subtitle2" component={own ? 'h3' : 'h4'}>
          {heading}
        </Typography>
        {item.gates.length === 0 ? (
          <Typography variant="body2">{t('entityTrains.participation.noGates')}</Typography>
        ) : (
          <ul
            style={{ margin: 0, paddingLeft: 20 }}
            aria-label={
              own
                ? t('entityTrains.participation.gatesLabelOwn', { train: item.train.name })
                : t('entityTrains.participation.gatesLabel', { name, train: item.train.name })
            }
          >
            {item.gates.map(gate => (
              <li key={gate.id}>
                <Box display="flex" alignItems="center" gridGap={8}>
                  <Typography variant="body2">
                    {gate.stage}: {gate.title}
                  </Typography>
                  <GateStateChip state={gate.state} />
                </Box>
              </li>
            ))}
          </ul>
        )}
      </Box>
      <Box marginTop={1}>
        <Typography variant="subtitle2" component={own ? 'h3' : 'h4'}>
          {t('entityTrains.waitsOn.heading')}
        </Typography>
        <WaitsOn gates={item.gates} linkTerms={linkTerms} />
      </Box>
    </Box>
  );
}

function EntityTrainCard(props: { group: TrainGroup; entityRef: string }) {
  const { group, entityRef } = props;
  const { train } = group;
  const trainLink = useTrainLink();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const waves = useTrainWaves(train.id);
  const stage = train.stages.find(s => s.name === train.currentStage);
  const late = stage?.late ?? false;
  return (
    <InfoCard
      title={trainLink ? <Link to={trainLink(train.id)}>{train.name}</Link> : train.name}
      subheader={train.objective}
    >
      <Box display="flex" gridGap={8} alignItems="center" flexWrap="wrap" marginBottom={1}>
        <Chip size="small" label={t('entityTrains.card.stage', { stage: train.currentStage })} />
        <Chip size="small" variant="outlined" label={train.status} />
        {late && <Chip size="small" color="secondary" label={t('entityTrains.card.late')} />}
      </Box>
      <Typography variant="body2" paragraph>
        {t('entityTrains.trainCard.ambassador', {
          term: (
            <DictionaryTerm id="ambassador">{t('entityTrains.trainCard.ambassadorTerm')}</DictionaryTerm>
          ),
          ambassador: <EntityRefLink entityRef={train.ambassadorRef} defaultKind="user" />,
        })}
      </Typography>
      <Box display="flex" flexDirection="column" gridGap={16}>
        {group.participations.map((item, index) => (
          <Participation
            key={item.participant.entityRef}
            item={item}
            waves={waves}
            own={sameRef(item.participant.entityRef, entityRef)}
            linkTerms={index === 0}
          />
        ))}
      </Box>
    </InfoCard>
  );
}

/**
 * The Release trains tab of Component and System pages: one card per train, with the
 * component's participation, or each participating component of the system.
 */
export function EntityReleaseTrainsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const list = useEntityTrains(entityRef);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const { value, loading, error } = list;
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} title={t('entityTrains.content.loadError')} />;
  // On a System's page, participations of its components the catalog keeps from the user.
  const hiddenNote = (
    <HiddenEntitiesNote
      hidden={value?.hidden}
      keys={['items']}
      itemWords={count => t('entityTrains.content.hiddenItems', { count })}
    />
  );
  // What went wrong in production, and which deployment caused it, is read where the trains are.
  const incidents = (
    <Box mt={3}>
      <IncidentsCard of={{ entityRef }} />
    </Box>
  );
  if (!value || value.totalCount === 0) {
    const isSystem = kindOfEntity(entity) === 'system';
    return (
      <>
      <EmptyState
        missing="data"
        title={t('entityTrains.content.emptyTitle', {
          name: entity.metadata.title ?? entity.metadata.name,
        })}
        description={
          isSystem
            ? t('entityTrains.content.emptySystem')
            : t('entityTrains.content.emptyComponent')
        }
      />
      {incidents}
      </>
    );
  }
  return (
    <>
      {hiddenNote}
      <Grid container spacing={3}>
        {groupByTrain(value.items).map(group => (
          <Grid item xs={12} md={6} key={group.train.id}>
            <EntityTrainCard group={group} entityRef={entityRef} />
          </Grid>
        ))}
      </Grid>
      <ListPagination
        label={t('entityTrains.content.paginationLabel')}
        paging={list.paging}
        totalCount={value.totalCount}
        rowsPerPageOptions={PAGE_SIZES}
      />
      {incidents}
    </>
  );
}
