import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  DeployIncidentDeclared,
  TrainDetail,
  TrainRunbook,
} from '@release-coordination/plugin-release-coordination-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { releaseCoordinationApiRef } from '../../api';
import {
  CatalogRefLink,
  HiddenEntitiesNote,
  LoadedContent,
  useTrainChangedSignal,
} from '../shared';
import { usePluginTranslation } from '../shared/translation';
import { DecisionTreeWalk } from './DecisionTreeWalk';
import { DeployIncidentDialog } from './DeployIncidentDialog';

function RollbackSteps(props: { runbook: TrainRunbook }) {
  const { t } = usePluginTranslation();
  return (
    <Table size="small" aria-label={t('runbook.rollbackTitle')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('runbook.columns.order')}</TableCell>
          <TableCell>{t('runbook.columns.participant')}</TableCell>
          <TableCell>{t('runbook.columns.wave')}</TableCell>
          <TableCell>{t('runbook.columns.version')}</TableCell>
          <TableCell>{t('runbook.columns.criteria')}</TableCell>
          <TableCell>{t('runbook.columns.procedure')}</TableCell>
          <TableCell>{t('runbook.columns.owner')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.runbook.rollbackSteps.map(step => (
          <TableRow key={step.entityRef}>
            <TableCell>{step.order}</TableCell>
            <TableCell>
              <CatalogRefLink entityRef={step.entityRef} />
            </TableCell>
            <TableCell>{step.wave}</TableCell>
            <TableCell>{step.targetVersion}</TableCell>
            <TableCell>
              {step.criteria ?? (
                <Typography variant="body2" color="textSecondary">
                  {t('runbook.noPlan')}
                </Typography>
              )}
            </TableCell>
            <TableCell>
              {step.procedureUrl ? (
                <Link to={step.procedureUrl}>{t('runbook.procedure')}</Link>
              ) : (
                '–'
              )}
            </TableCell>
            <TableCell>
              {step.ownerRef ? (
                <CatalogRefLink entityRef={step.ownerRef} />
              ) : (
                '–'
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function EscalationContacts(props: { runbook: TrainRunbook }) {
  const { t } = usePluginTranslation();
  return (
    <Box
      component="ul"
      m={0}
      pl={0}
      style={{ listStyle: 'none' }}
      aria-label={t('runbook.escalationTitle')}
    >
      {props.runbook.escalation.map(item => (
        <Box
          component="li"
          key={item.entityRef}
          mb={1.5}
          data-testid={`escalation-${item.entityRef}`}
        >
          <Typography variant="subtitle2">
            <CatalogRefLink entityRef={item.entityRef} />
          </Typography>
          {item.contacts.length === 0 && (
            <Typography variant="body2" color="textSecondary">
              {t('runbook.noContacts')}
            </Typography>
          )}
          {item.contacts.map(contact => (
            <Typography variant="body2" key={contact.ref} component="div">
              {contact.role === 'owner'
                ? t('runbook.owner')
                : t('runbook.parent')}
              : <CatalogRefLink entityRef={contact.ref} />
              {contact.email && (
                <>
                  {' · '}
                  <Link to={`mailto:${contact.email}`}>{contact.email}</Link>
                </>
              )}
              {contact.links.map(link => (
                <span key={link.url}>
                  {' · '}
                  <Link to={link.url}>{link.title}</Link>
                </span>
              ))}
            </Typography>
          ))}
          {item.onCall.map(onCall => {
            const text = t('runbook.onCall', {
              annotation: onCall.annotation,
              value: onCall.value,
            });
            return (
              <Typography
                variant="body2"
                key={`${onCall.entityRef}-${onCall.annotation}`}
              >
                {onCall.url ? <Link to={onCall.url}>{text}</Link> : text}
              </Typography>
            );
          })}
        </Box>
      ))}
    </Box>
  );
}

/**
 * The runbook of a train, on its Rollback tab: rollback steps in reverse wave order, who to
 * escalate to per participant, and the decision tree for incidents during the deploy.
 */
export function RunbookCard(props: {
  train: Pick<TrainDetail, 'id' | 'updatedAt' | 'status'>;
}) {
  const { train } = props;
  const { t } = usePluginTranslation();
  const [declaring, setDeclaring] = useState(false);
  const [declared, setDeclared] = useState<DeployIncidentDeclared>();
  const api = useApi(releaseCoordinationApiRef);
  const state = useAsyncRetry(
    () => api.getTrainRunbook({ trainId: train.id }),
    [api, train.id, train.updatedAt],
  );
  useTrainChangedSignal(state.retry, train.id);
  return (
    <InfoCard title={t('runbook.title')} subheader={t('runbook.subheader')}>
      <LoadedContent
        state={state}
        errorTitle={t('runbook.loadError')}
        isEmpty={() => false}
        empty={null}
      >
        {runbook => (
          <Grid container spacing={3}>
            <Grid item xs={12}>
              <Typography variant="h6" component="h3">
                {t('runbook.rollbackTitle')}
              </Typography>
              <RollbackSteps runbook={runbook} />
              <HiddenEntitiesNote
                hidden={runbook.hidden}
                keys={['participants']}
              />
            </Grid>
            <Grid item xs={12} md={6}>
              <Typography variant="h6" component="h3">
                {t('runbook.escalationTitle')}
              </Typography>
              <EscalationContacts runbook={runbook} />
            </Grid>
            <Grid item xs={12} md={6}>
              <Typography variant="h6" component="h3">
                {t('runbook.treeTitle')}
              </Typography>
              <DecisionTreeWalk tree={runbook.decisionTree} />
              {train.status === 'active' && (
                <Box mt={2}>
                  <Button
                    variant="outlined"
                    color="secondary"
                    onClick={() => setDeclaring(true)}
                  >
                    {t('runbook.incident.open')}
                  </Button>
                </Box>
              )}
              {declared && (
                <Alert severity="success" style={{ marginTop: 8 }}>
                  {t('runbook.incident.declared', {
                    notified: declared.notified.join(', '),
                  })}
                </Alert>
              )}
              {declaring && (
                <DeployIncidentDialog
                  trainId={train.id}
                  runbook={runbook}
                  onClose={() => setDeclaring(false)}
                  onDeclared={answer => {
                    setDeclaring(false);
                    setDeclared(answer);
                  }}
                />
              )}
            </Grid>
          </Grid>
        )}
      </LoadedContent>
    </InfoCard>
  );
}
