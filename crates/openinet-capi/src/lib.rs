//! `libwininet`: WinINet's C ABI over the `openinet` engine.
//!
//! A thin translation: C strings and UTF-16 to Rust, HINTERNET values to
//! slots of a generational table, engine results to BOOL + last error, and
//! engine futures to `ERROR_IO_PENDING` + `INTERNET_STATUS_REQUEST_COMPLETE`.
//! Every export runs inside [`ffi::boundary`], so no panic reaches C.
#![allow(non_snake_case, non_camel_case_types, clippy::missing_safety_doc)]

pub mod ffi;

mod time;
pub mod types;
mod unimplemented;
mod url;
pub use unimplemented::UNIMPLEMENTED;

mod api_http;
mod api_options;
mod api_read;
mod api_session;
mod callback_pool;
mod dispatch;
pub mod handles;
mod ops;
