import type { EcsDocument } from '@pullwatch/core';

/** A document to store with its stable id (the envelope id). */
export interface StoredDocument {
  id: string;
  doc: EcsDocument;
}

/** A document the store refused for good (mapping error, bad value...), with the reason. */
export interface RejectedDocument {
  id: string;
  doc: EcsDocument;
  status: number;
  reason: string;
}

/** The outcome of `write`: every input id is in exactly one of these. */
export interface WriteResult {
  /** Newly stored. */
  created: number;
  /** Already stored under that id earlier (a replay): counted as success. */
  duplicates: number;
  rejected: RejectedDocument[];
}

/** What the store can do, found at `setup` time; missing features degrade, and say so. */
export interface StoreFeatures {
  [feature: string]: { available: boolean; note?: string };
}

/**
 * EventStore: where decoded events are kept and searched (Elasticsearch data
 * streams in distributed mode, SQLite in embedded mode).
 *
 * Inside the contract: `write` is idempotent by id (a second write of an id is a
 * duplicate, never a second document); it resolves only once every document is
 * durably stored, a duplicate, or rejected for good; transient failures
 * (overload, unavailability) are retried inside the adapter with back-off and,
 * when they persist, reject the whole call (retriable) so the caller does not
 * acknowledge its input.
 * Outside the contract: the search API (added where the diagnosis needs it).
 */
export interface EventStore {
  /** Installs templates/schemas; idempotent. */
  setup(): Promise<StoreFeatures>;
  write(stream: string, docs: StoredDocument[]): Promise<WriteResult>;
  close(): Promise<void>;
}
