import {
  identityApiRef,
  useAnalytics,
  useApi,
  useRouteRef,
} from '@backstage/core-plugin-api';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { releaseCoordinationApiRef } from '../../api';
import { trainRouteRef } from '../../routes';
import { releaseCoordinationTranslationRef } from '../../translations';
import {
  CatalogEntityOption,
  PlanErrors,
  StageWindowInput,
  useBackendRequest,
} from '../shared';
import { newTrainRequestOf } from './newTrainForm';

/** The signed-in user as the ambassador, unless someone typed one before it was known. */
function useSignedInAmbassador(
  open: boolean,
  setAmbassadorRef: (change: (current: string) => string) => void,
) {
  const identityApi = useApi(identityApiRef);
  useEffect(() => {
    if (!open) return undefined;
    let cancelled = false;
    identityApi.getBackstageIdentity().then(
      identity => {
        if (!cancelled) {
          setAmbassadorRef(current => current || identity.userEntityRef);
        }
      },
      () => {},
    );
    return () => {
      cancelled = true;
    };
  }, [open, identityApi, setAmbassadorRef]);
}

/**
 * What the "New train" form holds, and its submission: the form's checks first, then the
 * request; on success the dialog closes and the new train's page opens.
 */
export function useNewTrainForm(
  open: boolean,
  onClose: () => void,
  stages: { name: string }[],
) {
  const api = useApi(releaseCoordinationApiRef);
  const analytics = useAnalytics();
  const navigate = useNavigate();
  const trainLink = useRouteRef(trainRouteRef);
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);

  const [name, setName] = useState('');
  const [objective, setObjective] = useState('');
  const [ambassadorRef, setAmbassadorRef] = useState('');
  const [windows, setWindows] = useState<Record<string, StageWindowInput>>({});
  const [selected, setSelected] = useState<CatalogEntityOption[]>([]);
  const [versions, setVersions] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<PlanErrors>({});
  const { busy, error, send } = useBackendRequest();
  useSignedInAmbassador(open, setAmbassadorRef);

  const setVersion = (entityRef: string, version: string) =>
    setVersions(current => ({ ...current, [entityRef]: version }));

  async function submit() {
    const checked = newTrainRequestOf(
      { name, objective, ambassadorRef, windows, selected, versions },
      stages,
      t,
    );
    setErrors(checked.errors);
    const request = checked.request;
    if (!request) return;
    await send(
      () => api.createTrain(request),
      train => {
        analytics.captureEvent('create', train.name, {
          attributes: {
            trainId: train.id,
            participants: train.participants.length,
          },
        });
        onClose();
        navigate(trainLink({ trainId: train.id }));
      },
    );
  }

  return {
    name,
    setName,
    objective,
    setObjective,
    ambassadorRef,
    setAmbassadorRef,
    windows,
    setWindows,
    selected,
    setSelected,
    versions,
    setVersion,
    errors,
    busy,
    error,
    submit,
  };
}
