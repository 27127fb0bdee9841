/** A running throwaway PostgreSQL server (see postgres.mjs). */
export interface PostgresServer {
  /** `postgresql://skein@127.0.0.1:<port>/postgres` */
  url: string;
  /** Stops the server, keeping its data, until `restart()` (tests of an outage). */
  halt(): void;
  restart(): void;
  /** Stops the server and deletes it. */
  stop(): void;
}

export function startPostgres(): Promise<PostgresServer>;
