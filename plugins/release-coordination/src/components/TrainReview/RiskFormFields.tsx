import { Box, Button, MenuItem } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import {
  REVIEW_RISK_LEVELS,
  REVIEW_RISK_STATUSES,
  ReviewRiskLevel,
  ReviewRiskStatus,
} from '@release-coordination/plugin-release-coordination-common';
import { FormTextField } from '../shared';
import { usePluginTranslation } from '../shared/translation';

/** A choice among the risk levels, for the likelihood and the impact of a risk alike. */
export function RiskLevelSelect(props: {
  id: string;
  label: string;
  value: ReviewRiskLevel;
  onChange: (value: string) => void;
}) {
  const { t } = usePluginTranslation();
  return (
    <FormTextField {...props} select variant="outlined">
      {REVIEW_RISK_LEVELS.map(level => (
        <MenuItem key={level} value={level}>
          {t(`review.register.levels.${level}`)}
        </MenuItem>
      ))}
    </FormTextField>
  );
}

/** A choice among the statuses of a risk. */
export function RiskStatusSelect(props: {
  value: ReviewRiskStatus;
  onChange: (value: string) => void;
}) {
  const { t } = usePluginTranslation();
  return (
    <FormTextField
      id="risk-form-status"
      select
      label={t('review.register.dialog.status')}
      value={props.value}
      onChange={props.onChange}
      variant="outlined"
    >
      {REVIEW_RISK_STATUSES.map(status => (
        <MenuItem key={status} value={status}>
          {t(`review.register.statuses.${status}`)}
        </MenuItem>
      ))}
    </FormTextField>
  );
}

/** Says that the risk moved on since the form was opened, and offers to reload it. */
export function RiskConflictAlert(props: { onReload: () => void }) {
  const { t } = usePluginTranslation();
  return (
    <Box marginBottom={2}>
      <Alert
        severity="warning"
        role="alert"
        action={
          <Button color="inherit" size="small" onClick={props.onReload}>
            {t('review.register.dialog.reload')}
          </Button>
        }
      >
        {t('review.register.dialog.conflict')}
      </Alert>
    </Box>
  );
}
