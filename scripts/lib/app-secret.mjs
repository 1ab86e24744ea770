// APP_SECRET from the environment, else one generated on first run and kept in the data folder.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "./database-url.mjs";

export function appSecret() {
  if (process.env.APP_SECRET) return process.env.APP_SECRET;
  const file = path.join(dataDir, "app-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}
