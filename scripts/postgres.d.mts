/** A running throwaway PostgreSQL server (see postgres.mjs). */
export interface PostgresServer {
  /** `postgresql://skein@127.0.0.1:<port>/postgres` */
  url: string;
  host: string;
  port: number;
  /** The server's bin directory (psql, pg_ctl, ...). */
  bin: string;
  /** Stops the server, keeping its data, until `restart()` (tests of an outage). */
  halt(): void;
  restart(): void;
  /** Stops the server and deletes it. */
  stop(): void;
}

/** Starts a fresh server; `settings` are server parameters (`-c name=value`), such as `{ wal_level: "logical" }`. */
export function startPostgres(options?: { settings?: Record<string, string | number> }): Promise<PostgresServer>;

/** The newest installed server's bin directory, installing Debian's `postgresql` when there is none. */
export function postgresBin(): string;
