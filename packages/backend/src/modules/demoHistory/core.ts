/**
 * What the replay's parts share: how the history names people, components and teams in the
 * catalog, and the unit its durations are given in.
 */
export const MINUTE_MS = 60_000;

export const userRef = (name: string) => `user:default/${name}`;
export const componentRef = (name: string) => `component:default/${name}`;
export const groupRef = (name: string) => `group:default/${name}`;
