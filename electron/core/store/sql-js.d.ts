// sql.js ships no types and @types/sql.js is not installed; this declares only the surface the store uses.
// Only files in this folder may import sql.js (ARCHITECTURE §2), so the declaration lives here too.

declare module 'sql.js' {
  export type SqlValue = number | string | Uint8Array | null;
  export type BindParams = SqlValue[] | Record<string, SqlValue> | null;

  export interface QueryExecResult {
    columns: string[];
    values: SqlValue[][];
  }

  export interface Statement {
    bind(values?: BindParams): boolean;
    step(): boolean;
    get(params?: BindParams): SqlValue[];
    getAsObject(params?: BindParams): Record<string, SqlValue>;
    run(values?: BindParams): void;
    reset(): void;
    free(): boolean;
  }

  export interface Database {
    run(sql: string, params?: BindParams): Database;
    exec(sql: string, params?: BindParams): QueryExecResult[];
    prepare(sql: string, params?: BindParams): Statement;
    export(): Uint8Array;
    close(): void;
    /** The connection's `sqlite3*`, for the C functions reached through `cwrap`. */
    readonly db: number;
  }

  export interface SqlJsStatic {
    Database: new (data?: ArrayLike<number> | Buffer | null) => Database;
    /** Emscripten's wrapper around a C function of the build (sqlite3_*). */
    cwrap(name: string, returns: 'number' | 'string' | null, args: ('number' | 'string')[]): (...args: (number | string)[]) => number;
  }

  export default function initSqlJs(config?: { locateFile?: (file: string) => string }): Promise<SqlJsStatic>;
}
