// @ts-check
/**
 * Checkpoints a SQLite store's WAL from a worker thread, on its own connection. SQLite's automatic
 * checkpoint runs inside a commit and fsyncs: on a busy disk that blocked the event loop (and every
 * room) for up to 0.6 s. Commits only append to the WAL (synchronous = NORMAL); the fsyncs happen
 * here. Plain JavaScript: a worker thread does not get the TypeScript loader on Node 20.
 *
 * workerData: { path: the database file, module: better-sqlite3's resolved path, everyMs }.
 * Posts a string for each failed checkpoint; "close" checkpoints once more and exits.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createRequire } from "node:module";

const Database = createRequire(import.meta.url)(workerData.module);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 5000");

function checkpoint() {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch (err) {
    parentPort?.postMessage(String(err));
  }
}

const timer = setInterval(checkpoint, workerData.everyMs);

parentPort?.on("message", (message) => {
  if (message !== "close") return;
  clearInterval(timer);
  checkpoint();
  db.close();
  process.exit(0);
});
