import { Content, Header, Page, ProxiedSignInPage } from '@backstage/core-components';
import { IdentityApi } from '@backstage/core-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';
import { Box, Button, Card, CardActions, CardContent, Grid, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { demoUsers } from './demoUsers';

const STORAGE_KEY = 'release-coordination-demo:user';

/** Forgets the chosen user on sign-out, so that the next sign-in asks again. */
function forgetOnSignOut(identity: IdentityApi): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    signOut: async () => {
      window.localStorage.removeItem(STORAGE_KEY);
      await identity.signOut();
    },
  };
}

/**
 * Sign-in for the demo portal: pick a person of the demo organisation, then sign in as them
 * through the backend's `demo` provider, which resolves the User from the catalog.
 */
export function DemoSignInPage(props: SignInPageProps) {
  const [userName, setUserName] = useState<string | undefined>(
    () => window.localStorage.getItem(STORAGE_KEY) ?? undefined,
  );

  if (userName) {
    return (
      <ProxiedSignInPage
        {...props}
        provider="demo"
        headers={{ 'x-demo-user': userName }}
        onSignInSuccess={identity => {
          window.localStorage.setItem(STORAGE_KEY, userName);
          props.onSignInSuccess(forgetOnSignOut(identity));
        }}
        ErrorComponent={({ error }) => (
          <Page themeId="home">
            <Header title="Release coordination demo" />
            <Content>
              <Alert severity="error">
                Could not sign in as {userName}: {error?.message ?? 'unknown error'}. The catalog
                may still be loading the demo organisation; try again in a few seconds.
              </Alert>
              <Box mt={2}>
                <Button
                  variant="contained"
                  color="primary"
                  onClick={() => {
                    window.localStorage.removeItem(STORAGE_KEY);
                    setUserName(undefined);
                  }}
                >
                  Choose someone else
                </Button>
              </Box>
            </Content>
          </Page>
        )}
      />
    );
  }

  return (
    <Page themeId="home">
      <Header
        title="Release coordination demo"
        subtitle="Choose who to be. Members of different teams see different gates to approve."
      />
      <Content>
        <Grid container spacing={3}>
          {demoUsers.map(user => (
            <Grid item xs={12} sm={6} md={4} lg={3} key={user.name}>
              <Card>
                <CardContent>
                  <Typography variant="h6">{user.displayName}</Typography>
                  <Typography color="textSecondary">{user.role}</Typography>
                  <Typography variant="body2">{user.team}</Typography>
                </CardContent>
                <CardActions>
                  <Button
                    color="primary"
                    variant="outlined"
                    onClick={() => setUserName(user.name)}
                    aria-label={`Sign in as ${user.displayName}`}
                  >
                    Sign in as {user.displayName}
                  </Button>
                </CardActions>
              </Card>
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}
