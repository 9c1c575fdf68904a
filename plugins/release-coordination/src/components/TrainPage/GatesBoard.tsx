import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { TrainDetail, TrainGate } from '@release-coordination/plugin-release-coordination-common';
import { GateStateChip, sameRef } from '../shared';
import { releaseCoordinationTranslationRef } from '../../translations';

const useStyles = makeStyles(theme => ({
  cell: { verticalAlign: 'top', minWidth: 160 },
  gates: { listStyle: 'none', margin: 0, padding: 0 },
  // The whole width of its column, the title on the left and the state on the right, so that
  // the states of a column line up however the titles wrap.
  gate: {
    width: '100%',
    textTransform: 'none',
    textAlign: 'left',
    padding: theme.spacing(0.25, 0.5),
  },
  // A button lays out its children in its label, not in its root: the gap belongs here.
  gateLabel: {
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  gateTitle: { flex: '1 1 auto', minWidth: 0 },
  gateState: { flex: '0 0 auto' },
}));

/**
 * The gates of a train as a board: one row per participant and one for the train-wide gates,
 * one column per stage. A gate opens its evidence and decisions.
 */
export function GatesBoard(props: { train: TrainDetail; onOpenGate: (gate: TrainGate) => void }) {
  const { train, onOpenGate } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const rows: { key: string; participantRef?: string }[] = [
    ...train.participants.map(p => ({ key: p.entityRef, participantRef: p.entityRef })),
    { key: 'train-wide' },
  ];

  function gatesOf(participantRef: string | undefined, stage: string) {
    return train.gates.filter(
      gate =>
        gate.stage === stage &&
        (participantRef
          ? gate.participantRef !== undefined && sameRef(gate.participantRef, participantRef)
          : gate.participantRef === undefined),
    );
  }

  return (
    <TableContainer>
      <Table size="small" aria-label={t('trainPage.gates.boardLabel')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('trainPage.gates.participant')}</TableCell>
            {train.stages.map(stage => (
              <TableCell key={stage.name}>{stage.title}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(row => (
            <TableRow key={row.key}>
              <TableCell component="th" scope="row" className={classes.cell}>
                {row.participantRef ? (
                  <EntityRefLink entityRef={row.participantRef} defaultKind="component" />
                ) : (
                  <Typography variant="body2">{t('trainPage.gates.trainWide')}</Typography>
                )}
              </TableCell>
              {train.stages.map(stage => {
                const gates = gatesOf(row.participantRef, stage.name);
                return (
                  <TableCell key={stage.name} className={classes.cell}>
                    {gates.length === 0 ? (
                      <Typography variant="body2" color="textSecondary">
                        —
                      </Typography>
                    ) : (
                      <ul className={classes.gates}>
                        {gates.map(gate => (
                          <li key={gate.id}>
                            <Button
                              size="small"
                              className={classes.gate}
                              classes={{ label: classes.gateLabel }}
                              onClick={() => onOpenGate(gate)}
                              aria-label={t('trainPage.gates.gateLabel', { gate: gate.title, state: gate.state })}
                            >
                              <span className={classes.gateTitle}>{gate.title}</span>
                              <span className={classes.gateState}>
                                <GateStateChip state={gate.state} />
                              </span>
                            </Button>
                          </li>
                        ))}
                      </ul>
                    )}
                  </TableCell>
                );
              })}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
