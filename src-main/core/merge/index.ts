/* The team merge: case snapshots, the three-way merge against the handout, and the lead's resolutions. Pure core. */
export * from './snapshot';
export * from './merge';
export * from './resolve';
export * from './documents';
