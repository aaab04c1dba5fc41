//! WinINet's URL functions: `InternetCrackUrl` ([`crack`]), `InternetCreateUrl`
//! ([`create`]), `InternetCanonicalizeUrl` ([`canonicalize`]) and
//! `InternetCombineUrl` ([`combine`]).
//!
//! WinINet's parser is not RFC 3986: it splits where its own rules say
//! (user and password at the first `@` and the last `:`, the port at the
//! last `:` of the host part, extra info at the first `?` or else the first
//! `#`), keeps what it does not understand, and turns `file:` URLs into DOS
//! paths. The rules here come from its observed behaviour; each module says
//! which.
//!
//! The functions work on bytes: the `A` API passes the caller's bytes through
//! unchanged, the `W` API passes UTF-8. The `&str` wrappers are for Rust callers.

mod canon;
mod crack;
mod create;
mod escape;
mod opaque;
mod scheme;

pub use canon::{canonicalize, canonicalize_bytes, combine, combine_bytes, resolve_dot_segments};
pub use crack::{crack, crack_bytes, Component, UrlParts};
pub use create::{create, create_bytes, UrlComponents};
pub use scheme::Scheme;

/// `ICU_*` flags, as the URL functions take them.
pub mod flags {
    /// `ICU_ESCAPE`: crack decodes `%xx` in the path and extra info; create escapes unsafe characters.
    pub const ESCAPE: u32 = 0x8000_0000;
    /// `ICU_USERNAME`: use the stored user name (ignored: no credentials store).
    pub const USERNAME: u32 = 0x4000_0000;
    /// `ICU_NO_ENCODE`: canonicalize/combine do not escape unsafe characters.
    pub const NO_ENCODE: u32 = 0x2000_0000;
    /// `ICU_DECODE`: decode `%xx` (crack: every component; canonicalize: the result).
    pub const DECODE: u32 = 0x1000_0000;
    /// `ICU_NO_META`: keep `.` and `..` segments.
    pub const NO_META: u32 = 0x0800_0000;
    /// `ICU_ENCODE_SPACES_ONLY`: escape spaces and nothing else.
    pub const ENCODE_SPACES_ONLY: u32 = 0x0400_0000;
    /// `ICU_BROWSER_MODE`: do not touch what follows `#` or `?` (WinINet in fact ignores it).
    pub const BROWSER_MODE: u32 = 0x0200_0000;
    /// `ICU_ENCODE_PERCENT`: escape `%` itself.
    pub const ENCODE_PERCENT: u32 = 0x0000_1000;
}
