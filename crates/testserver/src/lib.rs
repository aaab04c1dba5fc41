//! A scripted local HTTP server for tests and the demo.
