// The per-invocation cases: for each, the raw handler (the floor), faasport and the peers
// that serve that event source, all answering the same event with the same bytes.
import "./lib/globals.mjs";
import { toAliyun } from "@faasport/adapter-aliyun";
import { toAws } from "@faasport/adapter-aws";
import { toTencent } from "@faasport/adapter-tencent";
import serverlessExpress from "@codegenie/serverless-express";
import { defineApp } from "@faasport/core";
import { handle } from "hono/aws-lambda";
import serverless from "serverless-http";
import { appFetch, appQueue } from "./handlers/app.mjs";
import { fetchByHand } from "./handlers/fetch-by-hand.mjs";
import { expressApp } from "./handlers/express.mjs";
import { honoApp } from "./handlers/hono.mjs";
import { rawAlb, rawFc, rawScf, rawSqs, rawV1, rawV2 } from "./handlers/raw.mjs";
import { albGet, fcContext, fcGet, lambdaContext, scfContext, scfGet, sqsBatch, v1Get, v2Echo, v2Get } from "./events.mjs";
import { captureFaasportGlobals } from "./lib/globals.mjs";

const app = defineApp({ fetch: appFetch, queue: appQueue });
// A sink that drops records: the peers do not log either. Nothing is logged on success anyway.
const quiet = { variables: {}, log: () => {} };
const faasportAws = toAws(app, quiet);
const faasportAliyun = toAliyun(app, quiet);
const faasportTencent = toTencent(app, quiet);
captureFaasportGlobals();

// Binary types configured, as their docs say, so the 64 KB echo is answered byte-exact.
const binaryTypes = ["application/octet-stream"];
const hono = handle(honoApp());
const slsHttp = serverless(expressApp(), { binary: binaryTypes });
const slsExpress = serverlessExpress({ app: expressApp(), binarySettings: { contentTypes: binaryTypes }, logSettings: { level: "error" } });

const peers = {
  hono: { label: "hono/aws-lambda", handler: hono, globals: "native" },
  slsHttp: { label: "serverless-http + express", handler: slsHttp, globals: "native" },
  slsExpress: { label: "serverless-express + express", handler: slsExpress, globals: "native" },
  fetch: { label: "Fetch by hand", handler: fetchByHand, globals: "native" },
};

/** Column order of the table. */
export const peerLabels = Object.values(peers).map((peer) => peer.label);

/**
 * Every case: the event, the context, the raw handler, faasport, the peers that serve
 * this event source, and the target (largest ratio of faasport to raw).
 */
export const cases = [
  {
    name: "HTTP API v2 GET",
    target: 5,
    event: v2Get,
    context: lambdaContext,
    raw: rawV2,
    faasport: faasportAws,
    peers: [peers.hono, peers.slsHttp, peers.slsExpress, peers.fetch],
  },
  {
    name: "64 KB binary echo",
    target: 2,
    event: v2Echo,
    context: lambdaContext,
    raw: rawV2,
    faasport: faasportAws,
    peers: [peers.hono, peers.slsHttp, peers.slsExpress, peers.fetch],
  },
  { name: "REST v1 GET", target: 5, event: v1Get, context: lambdaContext, raw: rawV1, faasport: faasportAws, peers: [peers.hono, peers.slsHttp, peers.slsExpress] },
  { name: "ALB GET", target: 5, event: albGet, context: lambdaContext, raw: rawAlb, faasport: faasportAws, peers: [peers.hono, peers.slsHttp, peers.slsExpress] },
  { name: "FC 3.0 GET", target: 5, event: fcGet, context: fcContext, raw: rawFc, faasport: faasportAliyun, peers: [] },
  { name: "SCF API Gateway GET", target: 5, event: scfGet, context: scfContext, raw: rawScf, faasport: faasportTencent, peers: [] },
  { name: "SQS batch of 10", target: 3, event: sqsBatch, context: lambdaContext, raw: rawSqs, faasport: faasportAws, peers: [], compare: (answer) => JSON.stringify(answer) },
];

/** The handlers for the heap run: faasport on every case, mixed. */
export const faasportHandlers = { aws: faasportAws, aliyun: faasportAliyun, tencent: faasportTencent };
