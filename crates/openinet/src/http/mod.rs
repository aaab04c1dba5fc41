//! HTTP/1.1: the wire format (`h1`), body framing (`body`), header queries
//! (`query`), and the client that drives a request over a pooled connection.

pub(crate) mod body;
pub(crate) mod conn;
pub mod conn_limit;
pub(crate) mod h1;
pub(crate) mod headers;
pub mod query;
pub mod target;
