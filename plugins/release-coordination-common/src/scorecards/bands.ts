import { DoraReferenceBands } from './types';

/**
 * The performance tiers of the DORA 2024 report, the last report that published tiers (the 2025
 * report replaced them with archetypes).
 *
 * They are shown beside a scorecard as a reference and never turned into a verdict: nothing in
 * this package maps a team's numbers onto a tier. Our definitions differ from DORA's in places
 * (cycle time starts at planning, DORA's lead time at the commit), which is one more reason not
 * to grade a team against the table.
 *
 * @public
 */
export const DORA_2024_REFERENCE_BANDS: DoraReferenceBands = {
  label: 'DORA 2024',
  year: 2024,
  source: 'Accelerate State of DevOps Report 2024 (dora.dev)',
  caveat:
    'A published reference from the DORA 2024 report, shown for context. It is not a rating ' +
    'of this team: the scorecard does not place anyone in a tier.',
  columns: [
    { key: 'deploymentFrequency', title: 'Deployment frequency' },
    {
      key: 'leadTime',
      title: 'Lead time',
      note: "DORA's lead time runs from commit to production; cycle time here starts at planning.",
    },
    { key: 'changeFailRate', title: 'Change fail rate' },
    { key: 'recoveryTime', title: 'Recovery time' },
  ],
  rows: [
    {
      tier: 'elite',
      values: {
        deploymentFrequency: 'on demand',
        leadTime: '< 1 day',
        changeFailRate: '~5%',
        recoveryTime: '< 1 hour',
      },
    },
    {
      tier: 'high',
      values: {
        deploymentFrequency: 'daily – weekly',
        leadTime: '1 day – 1 week',
        changeFailRate: '~20%',
        recoveryTime: '< 1 day',
      },
    },
    {
      tier: 'medium',
      values: {
        deploymentFrequency: 'weekly – monthly',
        leadTime: '1 week – 1 month',
        changeFailRate: '~10%',
        recoveryTime: '< 1 day',
      },
    },
    {
      tier: 'low',
      values: {
        deploymentFrequency: 'monthly – every 6 months',
        leadTime: '1 – 6 months',
        changeFailRate: '~40%',
        recoveryTime: '1 week – 1 month',
      },
    },
  ],
};
