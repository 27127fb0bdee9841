/** A running throwaway PostgreSQL server (see postgres.mjs). */
export interface PostgresServer {
  /** `postgresql://skein@127.0.0.1:<port>/postgres` */
  url: string;
  stop(): void;
}

export function startPostgres(): Promise<PostgresServer>;
