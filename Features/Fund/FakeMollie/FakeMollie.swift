import Vapor

/// A local HTTP server that behaves like Mollie's v2 API (filled in by the Mollie work).
public enum FakeMollie {}
