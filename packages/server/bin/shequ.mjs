#!/usr/bin/env -S node --max-semi-space-size=64
// The `shequ` command: runs the TypeScript CLI in-process through tsx's loader, so there is no
// build step and `shequ serve` is the very server `npm start` runs.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
