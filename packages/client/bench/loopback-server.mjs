// The service side of bench/overhead.mjs: a keep-alive HTTP server on a free loopback
// port, in a process of its own so that its work is not timed with the client's. It
// answers every request with one endpoint, as getEndpoint and createEndpoint would, and a
// request with a query with a page of 1,000, as listEndpoints would.
import { createServer } from "node:http";

const endpoint = JSON.stringify({
  id: "705290f3-0d00-41f2-aedc-71f09844e879",
  service_type: "interface",
  status: "accepted",
  ip: "192.168.0.232",
  marker_id: 16777510,
  active_status: ["active"],
  vpc_id: "84758cf5-9c62-43ae-a778-3dbd8370c0a4",
  endpoint_service_name: "eu-de.otc-service.e0c748b7-d982-47df-ba06-b9c8c7650c1a",
  endpoint_service_id: "e0c748b7-d982-47df-ba06-b9c8c7650c1a",
  project_id: "6e9dfd51d1124e8d8498dce894923a0d",
  created_at: "2018-01-30T07:42:01Z",
  updated_at: "2018-01-30T07:42:01Z",
  tags: [{ key: "test1", value: "test1" }],
});
const headers = { "content-type": "application/json", "content-length": Buffer.byteLength(endpoint) };
// A page of 1,000 endpoints, sent in chunks (no Content-Length), as a long list comes.
const page = [`{"total_count":1000,"endpoints":[`, Array.from({ length: 1000 }, () => endpoint).join(","), "]}"];

const server = createServer({ keepAliveTimeout: 60_000 }, (request, response) => {
  request.resume();
  request.on("end", () => {
    if (!request.url.includes("?")) return response.writeHead(200, headers).end(endpoint);
    response.writeHead(200, { "content-type": "application/json" });
    for (const chunk of page) response.write(chunk);
    response.end();
  });
});
server.listen(0, "127.0.0.1", () => process.send?.({ port: server.address().port }));
// Ends with the bench, however it ends.
process.on("disconnect", () => process.exit(0));
