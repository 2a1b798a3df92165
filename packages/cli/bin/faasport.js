#!/usr/bin/env node
// The installed `faasport` command: a committed file, so package managers can link it before the build has run.
import "../dist/bin.js";
