import { Box } from '@material-ui/core';
import { ReviewRisk } from '@release-coordination/plugin-release-coordination-common';
import { FormDialog, FormTextField } from '../shared';
import { usePluginTranslation } from '../shared/translation';
import {
  RiskConflictAlert,
  RiskLevelSelect,
  RiskStatusSelect,
} from './RiskFormFields';
import { useRiskForm } from './useRiskForm';

/**
 * The form to register a risk, or to change `risk` when it is given: title, owner, likelihood,
 * impact, mitigation and status. A change names the version it was made on; when the risk moved
 * on meanwhile the backend refuses it, and the dialog offers to reload the risk.
 */
export function RiskDialog(props: {
  trainId: string;
  /** The risk to change; absent to register a new one. */
  risk?: ReviewRisk;
  /** The owner a new risk starts with, e.g. the viewer's team. */
  defaultOwnerRef?: string;
  onClose: () => void;
  onSaved: () => void;
  /** Asks the register again; the dialog then shows the risk as it is now. */
  onReload: () => void;
}) {
  const { risk, onClose, onReload } = props;
  const { t } = usePluginTranslation();
  const { form, set, errors, busy, error, conflict, save } = useRiskForm(props);

  return (
    <FormDialog
      id="review-risk"
      title={
        risk
          ? t('review.register.dialog.changeTitle')
          : t('review.register.dialog.registerTitle')
      }
      busy={busy || conflict}
      error={error}
      submitLabel={
        risk
          ? t('review.register.dialog.save')
          : t('review.register.dialog.register')
      }
      onSubmit={save}
      onClose={onClose}
    >
      {conflict && <RiskConflictAlert onReload={onReload} />}
      <FormTextField
        id="risk-form-title"
        label={t('review.register.dialog.title')}
        value={form.title}
        onChange={set('title')}
        error={errors.title}
        helperText={t('review.register.dialog.titleHelp')}
        variant="outlined"
        required
      />
      <FormTextField
        id="risk-form-owner"
        label={t('review.register.dialog.owner')}
        value={form.ownerRef}
        onChange={set('ownerRef')}
        error={errors.ownerRef}
        helperText={t('review.register.dialog.ownerHelp')}
        variant="outlined"
        required
      />
      <Box display="flex" gridGap={16}>
        <RiskLevelSelect
          id="risk-form-likelihood"
          label={t('review.register.dialog.likelihood')}
          value={form.likelihood}
          onChange={set('likelihood')}
        />
        <RiskLevelSelect
          id="risk-form-impact"
          label={t('review.register.dialog.impact')}
          value={form.impact}
          onChange={set('impact')}
        />
        <RiskStatusSelect value={form.status} onChange={set('status')} />
      </Box>
      <FormTextField
        id="risk-form-mitigation"
        label={t('review.register.dialog.mitigation')}
        value={form.mitigation}
        onChange={set('mitigation')}
        helperText={t('review.register.dialog.mitigationHelp')}
        variant="outlined"
        multiline
        minRows={3}
      />
    </FormDialog>
  );
}
