/** A record as the broker (or the in-memory bus) hands it over, before its envelope is decoded. */
export interface RawRecord {
  topic: string;
  partition: number | null;
  offset: string | null;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
}
