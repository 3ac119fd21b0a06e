import { monotonicFactory } from 'ulid';

const next = monotonicFactory();

/** ULIDs: unique and sortable by time. */
export function newId(): string {
  return next();
}

export function nowIso(): string {
  return new Date().toISOString();
}
