import { startServer } from "./start-server";

// `npm start` / `npm run serve`: the same server as `shequ serve`.
startServer().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
