/**
 * The table stream's consumers and the records each one is given. `infra/` turns the filters
 * into the event source mapping's filter criteria; the local runtime's stream poller applies
 * the same filters before it invokes the function, so both deliver the same records.
 */
import type { TableAction } from '../../routes.js';
import type { EnvironmentNeeds } from './environment.js';
import { sortKeys, visitKinds } from './table.js';

export interface StreamFilter {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** The new image's sort key equals this... */
  skEquals?: string;
  /** ...or starts with this. */
  skBeginsWith?: string;
  /** And the new image's `kind` attribute is this. */
  kind?: string;
}

export interface StreamConsumer {
  /** The function's folder: `functions/<name>/lambda.ts`. */
  name: string;
  filters: StreamFilter[];
  /** What it touches, granted and given an environment as a route group's access is. */
  access: { table: TableAction[]; signingKey: boolean; email: boolean };
}

/**
 * The notify function: new shares (partner emails), new download events (alerts), new outbox
 * items (the emails other functions queue: sender codes, lock alerts) and file-request visits
 * that went idle (one email per uploader visit listing the files).
 */
export const notifyConsumer: StreamConsumer = {
  name: 'notify',
  filters: [
    { eventName: 'INSERT', skEquals: sortKeys.shareMeta },
    { eventName: 'INSERT', skBeginsWith: sortKeys.eventPrefix, kind: 'download' },
    { eventName: 'INSERT', skBeginsWith: sortKeys.outboxPrefix },
    { eventName: 'MODIFY', skBeginsWith: sortKeys.visitPrefix, kind: visitKinds.idle },
  ],
  // Reads shares, requests, their uploads and settings, writes sent markers, alert windows, held passwords and
  // a visit's emailed count, deletes a used held password; opens sealed passwords with the signing key.
  access: { table: ['DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'], signingKey: true, email: true },
};

export const streamConsumers: readonly StreamConsumer[] = [notifyConsumer];

/** A stream record's change, as the filters see it (strings of the new image). */
export interface FilterableChange {
  eventName?: string;
  newImage?: { sk?: unknown; kind?: unknown };
}

export function matchesStreamFilters(filters: readonly StreamFilter[], change: FilterableChange): boolean {
  return filters.some((filter) => {
    if (change.eventName !== filter.eventName) return false;
    const sk = change.newImage?.sk;
    if (filter.skEquals !== undefined && sk !== filter.skEquals) return false;
    if (filter.skBeginsWith !== undefined && (typeof sk !== 'string' || !sk.startsWith(filter.skBeginsWith))) return false;
    if (filter.kind !== undefined && change.newImage?.kind !== filter.kind) return false;
    return true;
  });
}

/** The environment a stream consumer reads (contract/environment.ts). */
export function consumerEnvironmentNeeds(consumer: StreamConsumer): EnvironmentNeeds {
  const { access } = consumer;
  return {
    table: access.table.length > 0,
    files: false,
    upload: false,
    signingKey: access.signingKey,
    originSecret: false,
    email: access.email,
    senderIdentity: access.email,
  };
}
