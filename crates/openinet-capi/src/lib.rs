//! `libwininet`: WinINet's C ABI over the `openinet` engine.
//!
//! A thin translation: C strings and UTF-16 to Rust, HINTERNET values to
//! slots of a generational table, engine results to BOOL + last error, and
//! engine futures to `ERROR_IO_PENDING` + `INTERNET_STATUS_REQUEST_COMPLETE`.
//! Every export runs inside [`ffi::boundary`], so no panic reaches C.
#![allow(non_snake_case, non_camel_case_types, clippy::missing_safety_doc)]

pub mod ffi;

mod format_message;
mod time;
pub mod types;
mod unimplemented;
mod url;
pub use unimplemented::{REMOVED, UNIMPLEMENTED};

mod api_connectivity;
mod api_cookies;
mod api_credentials;
mod api_ftp;
mod api_http;
mod api_options;
mod api_read;
mod api_session;
mod api_upload;
mod callback_pool;
mod cert_options;
mod dispatch;
pub mod handles;
mod ops;
mod proxy_options;
mod settings;

/// The exported functions as Rust items too: Rust tests, the fuzz targets
/// and the micro-benchmarks call them from here instead of declaring their
/// C signatures again (which could drift from the definitions).
#[doc(hidden)]
pub mod exports {
    pub use crate::api_connectivity::*;
    pub use crate::api_cookies::*;
    pub use crate::api_ftp::*;
    pub use crate::api_http::*;
    pub use crate::api_options::*;
    pub use crate::api_read::*;
    pub use crate::api_session::*;
    pub use crate::api_upload::*;
    pub use crate::ffi::{GetLastError, SetLastError};
    pub use crate::format_message::{FormatMessageA, FormatMessageW};
    pub use crate::time::*;
    pub use crate::url::*;
}

/// The C API reference (`docs/capi-reference.md`), published with the crate's docs.
#[doc = include_str!("../../../docs/capi-reference.md")]
pub mod reference {}

/// Benchmark hook, not part of WinINet: posts `n`
/// `INTERNET_STATUS_REQUEST_COMPLETE` events for `h` through the async
/// callback queue, in one `dispatch::batch` as one engine poll does, and
/// returns without waiting: the callbacks run on a callback thread
/// (benches/micro `callback/async_*` time post to callback). False for an
/// unknown handle; nothing is delivered without a callback and a context.
#[doc(hidden)]
pub fn bench_post_request_complete(h: ffi::HINTERNET, n: usize) -> bool {
    let Ok(handle) = handles::get(h) else {
        return false;
    };
    dispatch::batch(|| {
        for _ in 0..n {
            let status = openinet::Status::RequestComplete {
                result: 1,
                error: 0,
            };
            dispatch::notify(&handle, status);
        }
    });
    true
}
