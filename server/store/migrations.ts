/**
 * The tables, written once for both databases: each migration brings the schema from version i to
 * i + 1 (the `schema_version` row says how far a database is), as steps in logical column types
 * that each dialect renders (`sqliteDialect`, `postgresDialect`). Every step is idempotent (IF NOT
 * EXISTS, a column added only if missing), so a SQLite file made before versions were counted
 * migrates like an empty one. Append a migration; never edit one that has shipped.
 */

/** text; integer (32-bit); bigint (seeds, times in ms); json (a document kept as written); boolean. */
export type ColumnType = "text" | "integer" | "bigint" | "json" | "boolean";

export interface Column {
  name: string;
  type: ColumnType;
  notNull?: boolean;
  default?: number | boolean;
  primaryKey?: boolean;
  unique?: boolean;
  /** `table(column)` this one refers to. */
  references?: string;
}

export type Step =
  | { kind: "createTable"; table: string; columns: Column[]; primaryKey?: string[]; withoutRowid?: boolean }
  | { kind: "addColumn"; table: string; column: Column }
  | { kind: "createIndex"; name: string; table: string; columns: string[]; where?: string };

export interface Migration {
  /** What it adds, for the log. */
  name: string;
  steps: Step[];
}

const text = (name: string, more: Partial<Column> = {}): Column => ({ name, type: "text", notNull: true, ...more });
const col = (name: string, type: ColumnType, more: Partial<Column> = {}): Column => ({ name, type, notNull: true, ...more });

export const MIGRATIONS: Migration[] = [
  {
    name: "matches and their command logs",
    steps: [
      {
        kind: "createTable",
        table: "matches",
        columns: [
          text("id", { primaryKey: true }),
          text("code", { unique: true }),
          text("map_id"),
          text("map_hash"),
          col("rules_version", "integer"),
          col("seed", "bigint"),
          col("options", "json"),
          col("room_options", "json"),
          col("created_at", "bigint"),
          col("finished", "boolean", { default: false }),
          text("outcome", { notNull: false }),
        ],
      },
      {
        kind: "createTable",
        table: "commands",
        columns: [
          text("match_id", { references: "matches(id)" }),
          col("idx", "integer"),
          text("seat"),
          col("action", "json"),
          text("hash", { notNull: false }),
        ],
        primaryKey: ["match_id", "idx"],
        withoutRowid: true,
      },
      { kind: "createIndex", name: "matches_unfinished", table: "matches", columns: ["created_at"], where: "NOT finished" },
    ],
  },
  {
    // the number and the sending seat of a player's command (server/sequence.ts)
    name: "client sequence numbers",
    steps: [
      { kind: "addColumn", table: "commands", column: col("seq", "integer", { notNull: false }) },
      { kind: "addColumn", table: "commands", column: text("by_seat", { notNull: false }) },
    ],
  },
  {
    // each scene is a match `CODE-N`; this row says how far the campaign got
    name: "campaigns",
    steps: [
      {
        kind: "createTable",
        table: "campaigns",
        columns: [
          text("code", { primaryKey: true }),
          col("seed", "bigint"),
          col("options", "json"),
          col("room_options", "json"),
          col("created_at", "bigint"),
          col("scene", "integer", { default: 0 }),
          text("stage"),
          col("ready", "json"),
          col("scenes", "json"),
          col("finished", "boolean", { default: false }),
          text("final_hash", { notNull: false }),
        ],
      },
    ],
  },
];

export interface Dialect {
  types: Record<ColumnType, string>;
  bool(value: boolean): string;
  /** The table option after `)`, e.g. SQLite's WITHOUT ROWID. */
  withoutRowid: string;
  /** Whether `ADD COLUMN IF NOT EXISTS` exists (else the runner checks the column first). */
  addColumnIfNotExists: boolean;
}

export const sqliteDialect: Dialect = {
  types: { text: "TEXT", integer: "INTEGER", bigint: "INTEGER", json: "TEXT", boolean: "INTEGER" },
  bool: (v) => (v ? "1" : "0"),
  withoutRowid: " WITHOUT ROWID",
  addColumnIfNotExists: false,
};

export const postgresDialect: Dialect = {
  types: { text: "TEXT", integer: "INTEGER", bigint: "BIGINT", json: "JSON", boolean: "BOOLEAN" },
  bool: (v) => (v ? "TRUE" : "FALSE"),
  withoutRowid: "",
  addColumnIfNotExists: true,
};

function columnSql(d: Dialect, c: Column): string {
  let s = `${c.name} ${d.types[c.type]}`;
  if (c.primaryKey) s += " PRIMARY KEY";
  if (c.notNull && !c.primaryKey) s += " NOT NULL";
  if (c.unique) s += " UNIQUE";
  if (c.default !== undefined) s += ` DEFAULT ${typeof c.default === "boolean" ? d.bool(c.default) : c.default}`;
  if (c.references) s += ` REFERENCES ${c.references}`;
  return s;
}

/** The SQL of one step; an `addColumn` the dialect cannot guard is returned with its column, for the
 *  runner to skip when the column exists. */
export function stepSql(d: Dialect, step: Step): string {
  switch (step.kind) {
    case "createTable": {
      const parts = step.columns.map((c) => columnSql(d, c));
      if (step.primaryKey) parts.push(`PRIMARY KEY (${step.primaryKey.join(", ")})`);
      return `CREATE TABLE IF NOT EXISTS ${step.table} (\n  ${parts.join(",\n  ")}\n)${step.withoutRowid ? d.withoutRowid : ""}`;
    }
    case "addColumn":
      return `ALTER TABLE ${step.table} ADD COLUMN ${d.addColumnIfNotExists ? "IF NOT EXISTS " : ""}${columnSql(d, step.column)}`;
    case "createIndex":
      return `CREATE INDEX IF NOT EXISTS ${step.name} ON ${step.table} (${step.columns.join(", ")})${step.where ? ` WHERE ${step.where}` : ""}`;
  }
}

export const SCHEMA_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)";

export function tooNew(version: number): Error {
  return new Error(`the database's schema is version ${version}; this server knows up to ${MIGRATIONS.length}`);
}
