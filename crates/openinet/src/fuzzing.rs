//! Entry points for the fuzz targets in `fuzz/`: not an API, and hidden
//! from the docs. The HTTP/1.1 response side (`h1`, `body`, `headers`) is
//! crate-private; fuzz/ is another crate, so this module re-exports the
//! pieces a hostile server's bytes reach, unchanged. Nothing here has
//! behaviour of its own: a fuzz finding is a finding in the engine.

pub use crate::cookies::parse::{parse as parse_cookie, ParsedCookie};
pub use crate::http::body::{framing, BodyDecoder, Framing, Step};
pub use crate::http::h1::{
    encode_request_head, is_informational, parse_response_head, ResponseHead, MAX_HEAD_LEN,
};
pub use crate::http::headers::{apply as apply_request_headers, parse_line};
pub use crate::http::query::{query_info, Answer, HeaderView, RequestLine};
