import { Hono } from "hono";

/** The same app on Hono. */
export function honoApp() {
  const app = new Hono();
  app.get("/hello", (c) => c.json({ hello: "world" }));
  app.post("/echo", async (c) => c.body(await c.req.arrayBuffer(), 200, { "content-type": "application/octet-stream" }));
  return app;
}
