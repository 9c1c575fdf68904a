import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Box, makeStyles, Tooltip, Typography } from '@material-ui/core';
import InfoOutlinedIcon from '@material-ui/icons/InfoOutlined';
import { MetricDefinition } from '@release-coordination/plugin-release-coordination-common';
import { Fragment, ReactNode, useState } from 'react';
import { releaseCoordinationTranslationRef } from '../../translations';

const useStyles = makeStyles(theme => ({
  trigger: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    padding: 0,
    border: 0,
    background: 'none',
    font: 'inherit',
    color: 'inherit',
    textAlign: 'left',
    cursor: 'help',
    borderRadius: theme.shape.borderRadius,
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}`, outlineOffset: 2 },
  },
  icon: { fontSize: '1rem', color: theme.palette.text.secondary },
  tooltip: { maxWidth: 420, fontSize: theme.typography.body2.fontSize },
  term: { fontWeight: theme.typography.fontWeightBold as number },
}));

/** The definitions quote field values in backticks (`succeeded`); they read as code. */
export function DefinitionText(props: { text: string }) {
  const parts = props.text.split('`');
  return (
    <>
      {parts.map((part, index) =>
        // Odd parts were between backticks.
        index % 2 === 1 ? <code key={index}>{part}</code> : <Fragment key={index}>{part}</Fragment>,
      )}
    </>
  );
}

/** A metric's definition: what is counted, what it is divided by, and which time decides. */
export function MetricDefinitionText(props: { definition: MetricDefinition }) {
  const { definition } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <Box display="flex" flexDirection="column" gridGap={6}>
      <Typography variant="body2" className={classes.term}>
        {definition.title}
      </Typography>
      <Typography variant="body2" component="div">
        <span className={classes.term}>{t('scorecards.definition.numerator')} </span>
        <DefinitionText text={definition.numerator} />
      </Typography>
      <Typography variant="body2" component="div">
        <span className={classes.term}>{t('scorecards.definition.denominator')} </span>
        <DefinitionText text={definition.denominator} />
      </Typography>
      <Typography variant="body2" component="div">
        <span className={classes.term}>{t('scorecards.definition.anchor')} </span>
        <DefinitionText text={definition.anchor} />
      </Typography>
    </Box>
  );
}

/**
 * A metric's name that shows its definition on hover and on focus: it is a button so that it
 * is in the tab order, and the open tooltip describes it for screen readers. Focus opens it
 * whatever moved the focus (MUI's own listener waits for a visible keyboard focus, which
 * assistive technology moving the focus does not always give); Escape closes it.
 */
export function MetricDefinitionTooltip(props: {
  definition: MetricDefinition;
  children?: ReactNode;
}) {
  const { definition, children } = props;
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  return (
    <Tooltip
      title={<MetricDefinitionText definition={definition} />}
      classes={{ tooltip: classes.tooltip }}
      placement="bottom-start"
      arrow
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      disableFocusListener
    >
      <button
        type="button"
        className={classes.trigger}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={event => {
          if (event.key === 'Escape') setOpen(false);
        }}
      >
        {children ?? definition.title}
        <InfoOutlinedIcon className={classes.icon} aria-hidden />
      </button>
    </Tooltip>
  );
}
