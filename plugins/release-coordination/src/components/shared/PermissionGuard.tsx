import { Box, CircularProgress, Typography } from '@material-ui/core';
import { ReactNode } from 'react';
import { usePluginTranslation } from './translation';
import { PermissionState } from './useTrainPermissions';

/**
 * Shows its children (the actions) only when the viewer may use them; while that is being
 * found out, a small progress; otherwise a sentence that says who may, so people know whom to
 * ask instead of meeting a refusal after filling in a form.
 */
export function PermissionGuard(
  props: PermissionState & {
    /** What is being checked, for screen readers: "Checking whether you may approve". */
    checkingLabel: string;
    denied: ReactNode;
    children: ReactNode;
  },
) {
  const { loading, allowed, checkingLabel, denied, children } = props;
  const { t } = usePluginTranslation();
  if (loading) {
    return (
      <Box display="flex" alignItems="center" gridGap={8} marginY={1}>
        <CircularProgress size={16} aria-label={checkingLabel} />
        <Typography variant="body2" color="textSecondary">
          {t('shared.permissionGuard.checking', { label: checkingLabel })}
        </Typography>
      </Box>
    );
  }
  if (!allowed) {
    return (
      <Typography variant="body2" color="textSecondary" data-testid="permission-denied">
        {denied}
      </Typography>
    );
  }
  return <>{children}</>;
}
