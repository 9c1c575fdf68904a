/**
 * People of the demo organisation (examples/org.yaml) offered on the sign-in page, chosen so
 * that members of several teams and a department head can be tried side by side.
 */
export interface DemoUser {
  name: string;
  displayName: string;
  team: string;
  role: string;
}

export const demoUsers: DemoUser[] = [
  { name: 'alice', displayName: 'Alice', team: 'team-checkout', role: 'Release ambassador' },
  { name: 'bob', displayName: 'Bob', team: 'team-payments-core', role: 'Engineer' },
  { name: 'carol', displayName: 'Carol', team: 'team-platform-infra', role: 'Platform engineer, portal admin' },
  { name: 'dave', displayName: 'Dave', team: 'team-search', role: 'Engineer' },
  { name: 'erin', displayName: 'Erin', team: 'team-fraud', role: 'Engineer' },
  { name: 'frank', displayName: 'Frank', team: 'team-identity', role: 'Engineer' },
  { name: 'oscar', displayName: 'Oscar', team: 'acme', role: 'CTO' },
];
