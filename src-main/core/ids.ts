import { v7 as uuidv7 } from 'uuid';

/**
 * Every row gets a UUIDv7 made on the device that created it: time-ordered, so merged reports from several
 * validators sort by creation, and globally unique, so merging never collides.
 */
export function newId(): string {
  return uuidv7();
}

/** UTC timestamps everywhere, ISO 8601 with milliseconds, so string order is time order. */
export function nowUtc(): string {
  return new Date().toISOString();
}
