// One HAR entry that cannot become an exchange. It is reported and skipped; the rest of the file imports.

export class EntryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EntryError';
  }
}
