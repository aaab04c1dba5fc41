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
//!
//! ```no_run
//! # fn main() -> Result<(), openinet::Error> {
//! let session = openinet::Session::new(openinet::SessionConfig::default());
//! let mut request = session.open_url_request("http://127.0.0.1:8080/", 0)?;
//! request.set_status_sink(Some(std::sync::Arc::new(|s: openinet::Status| eprintln!("{s:?}"))));
//! openinet::runtime().block_on(async {
//!     request.send(None, Vec::new()).await?;
//!     let mut buf = vec![0; 65536];
//!     while request.read(&mut buf).await? > 0 {}
//!     Ok::<_, openinet::Error>(())
//! })?;
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]

pub mod auth;
pub mod consts;
pub mod cookies;
pub mod error;
pub mod proxy;
pub use error::Error;

pub mod ftp;
pub mod http;

#[doc(hidden)]
pub mod fuzzing;
pub mod time;
pub mod url;

mod runtime;
mod tls;
pub use runtime::{block_on, runtime};
pub use tls::ServerCertificate;

pub mod status;
pub use status::{Status, StatusSink};

mod request;
pub use request::{CredentialField, Request, SocketInfo};

mod session;
pub use session::{Connection, Session, SessionConfig, Timeouts};

pub use http::conn::{
    clear_pool, idle_connections, pool_sweep_running, release_idle_connections, set_idle_limit,
};
pub use http::conn_limit::{max_conns_per_server, set_max_conns_per_server};
