// Package web is Dossier's HTTP server: the JSON API under /api/v1, the web
// UI rendered on the server (html/template, assets embedded from ui/), the
// operators' /healthz and /metrics, and the delivery of alerts to webhooks.
//
// Handlers return errors; one renderer maps them to a status and the error
// envelope {"error": {"code": "…", "message": "…"}} (an HTML page for the
// UI). The package reads the database only through the narrow [Store]
// interface and ingests only through an [Ingester] that the caller wires to
// the ingest pipeline. No route reads a file path from the request: the only
// files served are the embedded assets.
package web
