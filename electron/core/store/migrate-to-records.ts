// Schema version 3: the `exchanges` and `interactions` tables become one `records` table of deflated rows
// (record-row.ts). Existing rows are converted, not re-packed: a version-2 row is already in the packed shape, and a
// version-1 body names its `blobs` row by hash, which is exactly a one-chunk layout, so no body is rewritten and
// every record reads back as it did.

import type { Database } from 'sql.js';
import type { PackedBody, PackedExchange, PackedInteraction } from './packed-record';
import { encodeRow, sessionColumn } from './record-row';

export const RECORDS_SCHEMA = `
  CREATE TABLE records (
    id TEXT PRIMARY KEY,
    started_at INTEGER NOT NULL,
    session TEXT,
    link TEXT,
    kind INTEGER NOT NULL,
    codec INTEGER NOT NULL,
    data BLOB NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX records_started_at ON records (started_at);
`;

/** `records.kind`. */
export const KIND_EXCHANGE = 0;
export const KIND_INTERACTION = 1;

type StoredBody = PackedBody | (Omit<PackedBody, 'layout'> & { blob: string });

function asPackedBody(body: StoredBody | undefined): PackedBody | undefined {
  if (!body || 'layout' in body) return body;
  const { blob, ...meta } = body;
  return { ...meta, layout: { chunk: blob } };
}

export function migrateToRecords(db: Database): void {
  db.exec(RECORDS_SCHEMA);
  const select = db.prepare('SELECT e.json, i.json FROM exchanges e LEFT JOIN interactions i ON i.exchange_id = e.id');
  const insert = db.prepare('INSERT OR REPLACE INTO records (id, started_at, session, link, kind, codec, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
  try {
    while (select.step()) {
      const [exchangeJson, interactionJson] = select.get();
      const stored = JSON.parse(exchangeJson as string) as PackedExchange & { requestBody?: StoredBody; responseBody?: StoredBody };
      const x: PackedExchange = { ...stored, requestBody: asPackedBody(stored.requestBody), responseBody: asPackedBody(stored.responseBody) };
      if (!x.requestBody) delete x.requestBody;
      if (!x.responseBody) delete x.responseBody;
      const parsed = typeof interactionJson === 'string' ? (JSON.parse(interactionJson) as Partial<PackedInteraction>) : undefined;
      // A version-1 interaction kept its parse whole: no refs.
      const i = parsed ? ({ ...parsed, refs: parsed.refs ?? {} } as PackedInteraction) : undefined;
      const { codec, data } = encodeRow(i ? { x, i } : { x });
      insert.run([
        x.id,
        x.startedAt,
        sessionColumn(x.id, i?.placement?.sessionId),
        i?.placement?.link ? JSON.stringify(i.placement.link) : null,
        i ? KIND_INTERACTION : KIND_EXCHANGE,
        codec,
        data,
      ]);
    }
  } finally {
    select.free();
    insert.free();
  }
  db.exec('DROP TABLE interactions; DROP TABLE exchanges;');
}
