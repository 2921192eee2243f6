/**
 * Dev mode: the game server with Vite in middleware mode on the same port, so the client hot
 * reloads while it talks to the real rooms and API.  `npm run dev` (PORT, default 2567).
 * Vite's HMR socket listens on its own port (HMR_PORT, default 24678).
 */
import "./prelude.js";
import { fileURLToPath } from "node:url";
import { createServer as createViteServer } from "vite";
import { createGameServer } from "./main.js";
import { configureLogger, log } from "./logger.js";

// the same structured lines as production, printed for a person (pino-pretty)
await configureLogger({ pretty: true });

const configFile = fileURLToPath(new URL("../client/vite.config.ts", import.meta.url));
const port = Number(process.env.PORT || 2567);

const vite = await createViteServer({
  configFile,
  appType: "spa",
  server: { middlewareMode: true, ws: { port: Number(process.env.HMR_PORT || 24678) } },
  logLevel: "info",
});

const game = await createGameServer({
  port,
  // a practice server: the start page's Seed field works
  settings: { allowSeed: true },
  configureApp: (app) => {
    app.use(vite.middlewares);
  },
});

log.info(`Last Stand dev server on ${game.url} (Vite middleware, hot reload)`);

const stop = async () => {
  await vite.close();
  await game.close();
  process.exit(0);
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
