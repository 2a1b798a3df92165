import express from "express";

/** The same app on Express 5. */
export function expressApp() {
  const app = express();
  app.get("/hello", (_req, res) => {
    res.json({ hello: "world" });
  });
  app.post("/echo", express.raw({ type: "application/octet-stream", limit: "1mb" }), (req, res) => {
    res.type("application/octet-stream").send(req.body);
  });
  return app;
}
