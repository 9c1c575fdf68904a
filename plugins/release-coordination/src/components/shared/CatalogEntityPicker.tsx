import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { TextField } from '@material-ui/core';
import { Autocomplete } from '@material-ui/lab';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { errorMessage } from './errors';
import { usePluginTranslation } from './translation';

/** A catalog entity as a picker offers it: its ref, lowercase as the backend keeps refs. */
export type CatalogEntityOption = { entityRef: string; label: string };

function toOption(entity: Entity): CatalogEntityOption {
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const profile = (entity.spec as { profile?: { displayName?: string } } | undefined)?.profile;
  const title = profile?.displayName ?? entity.metadata.title;
  return { entityRef, label: title ? `${title} (${entityRef})` : entityRef };
}

/** How many matches a picker offers at once; typing more narrows them. */
export const CATALOG_SEARCH_LIMIT = 20;

/** How long typing pauses before the catalog is asked, in milliseconds. */
const SEARCH_DELAY_MS = 250;

/**
 * The catalog's entities of one kind whose name or title contains what was typed, as picker
 * options sorted by ref: the catalog is searched a page at a time as you type, never read
 * whole. Asked only while `enabled` (a dialog is open), with just the fields a label needs.
 */
export function useCatalogEntitySearch(
  kind: 'Component' | 'User',
  typed: string,
  enabled = true,
) {
  const catalogApi = useApi(catalogApiRef);
  const [term, setTerm] = useState(typed.trim());
  useDebounce(() => setTerm(typed.trim()), SEARCH_DELAY_MS, [typed]);
  return useAsync(async (): Promise<CatalogEntityOption[]> => {
    if (!enabled) return [];
    const response = await catalogApi.queryEntities({
      filter: { kind },
      ...(term
        ? {
            fullTextFilter: {
              term,
              fields: [
                'metadata.name',
                'metadata.title',
                ...(kind === 'User' ? ['spec.profile.displayName'] : []),
              ],
            },
          }
        : {}),
      orderFields: { field: 'metadata.name', order: 'asc' },
      limit: CATALOG_SEARCH_LIMIT,
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        ...(kind === 'User' ? ['spec.profile.displayName'] : []),
      ],
    });
    return response.items.map(toOption).sort((a, b) => a.entityRef.localeCompare(b.entityRef));
  }, [catalogApi, kind, term, enabled]);
}

/**
 * Picks one catalog entity of a kind, e.g. the ambassador (a User) or a component joining a
 * train. The current value stays selectable even when the catalog does not list it (any more),
 * so an existing plan can be saved unchanged.
 */
export function CatalogEntityPicker(props: {
  id: string;
  label: string;
  kind: 'Component' | 'User';
  value: string;
  onChange: (entityRef: string) => void;
  /** Refs not to offer, e.g. the train's participants. */
  exclude?: string[];
  error?: string;
  helperText?: string;
  required?: boolean;
}) {
  const { id, label, kind, value, onChange, exclude = [], error, helperText, required } = props;
  const { t } = usePluginTranslation();
  const [typed, setTyped] = useState('');
  const options = useCatalogEntitySearch(kind, typed);
  const excluded = new Set(exclude.map(ref => ref.toLocaleLowerCase('en-US')));
  const available = (options.value ?? []).filter(option => !excluded.has(option.entityRef));
  const selected =
    available.find(option => option.entityRef === value.toLocaleLowerCase('en-US')) ??
    (value ? { entityRef: value, label: value } : null);
  const all = selected && !available.includes(selected) ? [selected, ...available] : available;
  return (
    <Autocomplete
      id={id}
      options={all}
      loading={options.loading}
      value={selected}
      onChange={(_event, option) => onChange(option?.entityRef ?? '')}
      // The catalog already matched what was typed.
      filterOptions={found => found}
      onInputChange={(_event, input, reason) => setTyped(reason === 'input' ? input : '')}
      getOptionLabel={option => option.label}
      getOptionSelected={(option, current) => option.entityRef === current.entityRef}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          margin="dense"
          required={required}
          error={Boolean(error || options.error)}
          helperText={
            error ??
            (options.error
              ? t('shared.catalogPicker.loadError', { error: errorMessage(options.error) })
              : helperText)
          }
        />
      )}
    />
  );
}
