#!/usr/bin/env node
// The installed `skein` command: a stable file for npm to link, so the link exists before the first build.
import "../dist/main.js";
