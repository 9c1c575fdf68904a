import {
  Content,
  EmptyState,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Box, Grid, InputAdornment, makeStyles, TextField, Typography } from '@material-ui/core';
import SearchIcon from '@material-ui/icons/Search';
import {
  EscalationPath,
  ReleaseDictionary,
  ReleaseDictionaryTerm,
} from '@release-coordination/plugin-release-coordination-common';
import { useEffect, useMemo, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { releaseCoordinationTranslationRef } from '../../translations';
import { termAnchor, useReleaseDictionary } from '../DictionaryTerms';
import { escalationAnchor, filterDictionary } from './filterDictionary';

const useStyles = makeStyles(theme => ({
  entry: {
    padding: theme.spacing(1.5, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
    scrollMarginTop: theme.spacing(10),
    // The entry a link points at stands out.
    '&:target': { backgroundColor: theme.palette.action.selected },
  },
  steps: { margin: theme.spacing(1, 0, 0, 0), paddingLeft: theme.spacing(3) },
}));

function TermEntry(props: { term: ReleaseDictionaryTerm; known: Map<string, string> }) {
  const { term, known } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const headingId = `${termAnchor(term.id)}-title`;
  return (
    <section id={termAnchor(term.id)} aria-labelledby={headingId} className={classes.entry}>
      <Typography variant="h6" component="h3" id={headingId}>
        {term.term}
      </Typography>
      {term.aliases.length > 0 && (
        <Typography variant="body2" color="textSecondary">
          {t('dictionary.terms.aliases', { aliases: term.aliases.join(', ') })}
        </Typography>
      )}
      <Typography variant="body1">{term.definition}</Typography>
      {term.seeAlso.length > 0 && (
        <Typography variant="body2">
          {t('dictionary.terms.seeAlso', {
            terms: (
              <>
                {term.seeAlso.map((id, index) => (
                  <span key={id}>
                    {index > 0 && ', '}
                    <Link to={`#${termAnchor(id)}`}>{known.get(id) ?? id}</Link>
                  </span>
                ))}
              </>
            ),
          })}
        </Typography>
      )}
    </section>
  );
}

function EscalationPathEntry(props: { path: EscalationPath }) {
  const { path } = props;
  const classes = useStyles();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const anchor = escalationAnchor(path.name);
  return (
    <section id={anchor} aria-labelledby={`${anchor}-title`} className={classes.entry}>
      <Typography variant="subtitle1" component="h3" id={`${anchor}-title`}>
        {path.name}
      </Typography>
      <ol className={classes.steps}>
        {path.steps.map((step, index) => (
          <li key={index}>
            <Typography variant="body2" component="span">
              {t('dictionary.escalationPaths.step', {
                title: step.title,
                contact: step.contactRef ? (
                  <EntityRefLink entityRef={step.contactRef} />
                ) : (
                  step.contact
                ),
              })}
            </Typography>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Terms, responsibilities and escalation paths, filtered by the search box. */
export function DictionaryView(props: { dictionary: ReleaseDictionary }) {
  const { dictionary } = props;
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  const [query, setQuery] = useState('');
  const shown = useMemo(() => filterDictionary(dictionary, query), [dictionary, query]);
  const known = useMemo(
    () => new Map(dictionary.terms.map(term => [term.id, term.term])),
    [dictionary],
  );
  const nothing =
    shown.terms.length + shown.responsibilities.length + shown.escalationPaths.length === 0;
  return (
    <>
      <Box marginBottom={2} maxWidth={560}>
        <TextField
          id="release-dictionary-search"
          label={t('dictionary.search.label')}
          value={query}
          onChange={event => setQuery(event.target.value)}
          fullWidth
          InputProps={{
            startAdornment: (
              <InputAdornment position="start">
                <SearchIcon />
              </InputAdornment>
            ),
          }}
        />
      </Box>
      {nothing ? (
        <EmptyState
          missing="data"
          title={t('dictionary.search.noMatchTitle', { query })}
          description={t('dictionary.search.noMatchDescription')}
        />
      ) : (
        <Grid container spacing={3}>
          <Grid item xs={12} md={7}>
            <InfoCard title={t('dictionary.terms.title', { count: shown.terms.length })}>
              {shown.terms.length === 0 ? (
                <Typography variant="body2">{t('dictionary.terms.noMatch')}</Typography>
              ) : (
                shown.terms.map(term => <TermEntry key={term.id} term={term} known={known} />)
              )}
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={5}>
            <InfoCard title={t('dictionary.responsibilities.title')}>
              {shown.responsibilities.length === 0 ? (
                <Typography variant="body2">{t('dictionary.responsibilities.noMatch')}</Typography>
              ) : (
                <dl>
                  {shown.responsibilities.map(responsibility => (
                    <Box key={responsibility.role} marginBottom={1.5}>
                      <Typography component="dt" variant="subtitle1">
                        {responsibility.role}
                      </Typography>
                      <Typography component="dd" variant="body2" style={{ marginLeft: 0 }}>
                        {responsibility.description}
                        {responsibility.escalation && (
                          <>
                            {' '}
                            {t('dictionary.responsibilities.escalation', {
                              path: (
                                <Link to={`#${escalationAnchor(responsibility.escalation)}`}>
                                  {responsibility.escalation}
                                </Link>
                              ),
                            })}
                          </>
                        )}
                      </Typography>
                    </Box>
                  ))}
                </dl>
              )}
            </InfoCard>
            <Box marginTop={3}>
              <InfoCard title={t('dictionary.escalationPaths.title')}>
                {shown.escalationPaths.length === 0 ? (
                  <Typography variant="body2">{t('dictionary.escalationPaths.noMatch')}</Typography>
                ) : (
                  shown.escalationPaths.map(path => (
                    <EscalationPathEntry key={path.name} path={path} />
                  ))
                )}
              </InfoCard>
            </Box>
          </Grid>
        </Grid>
      )}
    </>
  );
}

/** Brings the entry a `#term-…` or `#escalation-…` link points at into view once it exists. */
function useScrollToAnchor(ready: boolean) {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || !hash) return;
    document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView?.();
  }, [ready, hash]);
}

/** The release dictionary, for app page layouts that supply the header (new frontend system). */
export function DictionaryPageContent() {
  const { value, loading, error } = useReleaseDictionary();
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  useScrollToAnchor(Boolean(value));
  let body;
  if (loading && !value) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} title={t('dictionary.loadError')} />;
  else if (
    !value ||
    value.terms.length + value.responsibilities.length + value.escalationPaths.length === 0
  ) {
    body = (
      <EmptyState
        missing="content"
        title={t('dictionary.empty.title')}
        description={t('dictionary.empty.description')}
      />
    );
  } else body = <DictionaryView dictionary={value} />;
  return <Content>{body}</Content>;
}

/** The release dictionary with its own header (legacy frontend system). */
export function DictionaryPage() {
  const { t } = useTranslationRef(releaseCoordinationTranslationRef);
  return (
    <Page themeId="tool">
      <Header title={t('dictionary.pageTitle')} subtitle={t('dictionary.pageSubtitle')} />
      <DictionaryPageContent />
    </Page>
  );
}
