import { ConfigReader } from '@backstage/config';
import { readOutcomeSettings } from './config';

describe('readOutcomeSettings', () => {
  it('falls back to the defaults without configuration', () => {
    const settings = readOutcomeSettings(new ConfigReader({}));
    expect(settings).toMatchObject({
      productionEnvironment: 'production',
      hotfixWindowHours: 24,
      maxRehearsalAgeDays: 90,
      remindBeforeDays: 7,
      acceptRehearsalsWithoutEvidence: false,
    });
  });

  it('reads the rehearsal settings', () => {
    const settings = readOutcomeSettings(
      new ConfigReader({
        releaseCoordination: {
          rollback: { maxRehearsalAgeDays: 365 },
          rehearsals: { acceptWithoutEvidence: true },
        },
      }),
    );
    expect(settings.maxRehearsalAgeDays).toBe(365);
    expect(settings.acceptRehearsalsWithoutEvidence).toBe(true);
  });

  it.each([0, 366, 30.5])('stops the start on a maximum rehearsal age of %s days', days => {
    expect(() =>
      readOutcomeSettings(
        new ConfigReader({ releaseCoordination: { rollback: { maxRehearsalAgeDays: days } } }),
      ),
    ).toThrow(/rollback\.maxRehearsalAgeDays must be a whole number from 1 to 365/);
  });

  it('reads the production environment in lower case and the hotfix window', () => {
    const settings = readOutcomeSettings(
      new ConfigReader({
        releaseCoordination: {
          deployments: { productionEnvironment: ' Prod ', hotfixWindowHours: 6 },
        },
      }),
    );
    expect(settings.productionEnvironment).toBe('prod');
    expect(settings.hotfixWindowHours).toBe(6);
  });

  it('stops the start on a hotfix window that is not a whole number of hours', () => {
    expect(() =>
      readOutcomeSettings(
        new ConfigReader({ releaseCoordination: { deployments: { hotfixWindowHours: 0.5 } } }),
      ),
    ).toThrow(/releaseCoordination\.deployments\.hotfixWindowHours must be a whole number/);
  });
});
