//! OpenINet's engine: WinINet's client behaviour in safe, asynchronous Rust.
//!
//! The engine knows nothing of C. It speaks in Rust types: [`Error`] maps
//! one-to-one to WinINet's `ERROR_INTERNET_*` codes, [`Status`] is a status
//! callback with a typed payload, and sessions, connections and requests
//! are typed values whose operations are `async fn`s on one shared tokio
//! runtime ([`runtime()`]).
//!
//! `openinet-capi` translates this API into `wininet.h`; the `inet` command
//! uses it directly.
#![forbid(unsafe_code)]

pub mod error;
pub use error::Error;

pub mod url;
pub mod time;
