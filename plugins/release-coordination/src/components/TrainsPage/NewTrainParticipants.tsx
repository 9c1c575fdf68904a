import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { Box, TextField, Typography } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
import { useState } from 'react';
import { releaseCoordinationTranslationRef } from '../../translations';
import {
  CatalogEntityOption,
  errorMessage,
  FormTextField,
  PlanErrors,
  useCatalogEntitySearch,
} from '../shared';

/**
 * The "Participants" section of the "New train" form: the components, picked from the catalog
 * as people type, and a target version for each.
 */
export function NewTrainParticipants(props: {
  selected: CatalogEntityOption[];
  onSelect: (selected: CatalogEntityOption[]) => void;
  versions: Record<string, string>;
  onVersionChange: (entityRef: string, version: string) => void;
  errors: PlanErrors;
}) {
  const { selected, onSelect, versions, onVersionChange, errors } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const [typedComponent, setTypedComponent] = useState('');
  const components = useCatalogEntitySearch('Component', typedComponent);

  return (
    <Box marginTop={2}>
      <Typography variant="subtitle1" component="h3">
        {t('trains.dialog.participants')}
      </Typography>
      <Autocomplete
        id="new-train-components"
        multiple
        options={components.value ?? []}
        loading={components.loading}
        value={selected}
        onChange={(_event, value) => onSelect(value)}
        // The catalog already matched what was typed.
        filterOptions={found => found}
        onInputChange={(_event, input, reason) =>
          setTypedComponent(reason === 'input' ? input : '')
        }
        getOptionLabel={option => option.label}
        getOptionSelected={(option, value) =>
          option.entityRef === value.entityRef
        }
        renderInput={params => (
          <TextField
            {...params}
            label={t('trains.dialog.components')}
            margin="dense"
            error={Boolean(errors.participants || components.error)}
            helperText={
              errors.participants ??
              (components.error
                ? t('trains.dialog.componentsError', {
                    message: errorMessage(components.error),
                  })
                : t('trains.dialog.componentsHelp'))
            }
          />
        )}
      />
      {selected.map(option => (
        <FormTextField
          key={option.entityRef}
          id={`new-train-version-${option.entityRef}`}
          label={t('trains.dialog.targetVersion', {
            entityRef: option.entityRef,
          })}
          value={versions[option.entityRef] ?? ''}
          onChange={value => onVersionChange(option.entityRef, value)}
          error={errors[`version.${option.entityRef}`]}
        />
      ))}
    </Box>
  );
}
