//! FTP: WinINet's FTP client (`InternetConnect(INTERNET_SERVICE_FTP)`,
//! the `Ftp*` functions, `ftp://` URLs).
//!
//! Written on tokio with our own small state machine rather than
//! `suppaftp`: WinINet exposes things suppaftp hides or decides itself —
//! the exact text of every reply (`InternetGetLastResponseInfo`), one data
//! connection per command with the choice of EPSV/PASV/PORT/EPRT made the
//! way WinINet makes it, a transfer that stays open across calls
//! (`FtpOpenFile` + `InternetReadFile`) while the session refuses other
//! commands, progress callbacks per command, and hard bounds on what a
//! hostile server can make us keep (reply lines, listings). The protocol
//! needed is small (RFC 959 plus EPSV/EPRT of RFC 2428 and SIZE/MLSD of
//! RFC 3659), and each parser is a pure function with its own tests.
//!
//! - [`reply`]: replies, single and multi-line, bounded.
//! - [`addr`]: PASV/EPSV replies, PORT/EPRT commands.
//! - [`listing`]: LIST (Unix and Windows/IIS) and MLSD lines to find data.
//! - [`client`]: the session, its commands and transfers.
//! - [`target`]: `ftp://` URLs.

pub mod addr;
pub mod client;
pub mod listing;
pub mod reply;
pub mod target;

pub use client::{
    reply_error, BusyGuard, Control, Direction, FtpClient, FtpConfig, Transfer, TransferType,
};
pub use listing::Entry;
pub use reply::Reply;
pub use target::FtpTarget;

/// The most listing bytes one `FtpFindFirstFile` reads (a hostile server
/// could send an endless listing): 64 MiB, about a million entries.
pub const MAX_LISTING: usize = 64 << 20;

/// Lists a directory for `FtpFindFirstFile`: MLSD where the server offers
/// it and `pattern` names no wildcard (MLSD takes a directory, not a
/// pattern; a name it refuses falls back to LIST), LIST otherwise. Lines
/// that fit no listing format are skipped.
pub async fn list(
    client: &FtpClient,
    control: &mut Control,
    pattern: Option<&str>,
    now_unix: i64,
) -> Result<Vec<Entry>, Error> {
    let pattern = pattern.filter(|p| !p.is_empty());
    let plain = !pattern.is_some_and(|p| p.contains(['*', '?', '[']));
    if plain && control.offers_mlsd().await? {
        let cmd = pattern.map_or("MLSD".to_string(), |p| format!("MLSD {p}"));
        match listing_of(client, control, &cmd, now_unix).await {
            Err(Error::ExtendedError) => {}
            done => return done,
        }
    }
    let cmd = pattern.map_or("LIST".to_string(), |p| format!("LIST {p}"));
    listing_of(client, control, &cmd, now_unix).await
}

/// Runs one listing command and parses its data.
async fn listing_of(
    client: &FtpClient,
    control: &mut Control,
    cmd: &str,
    now_unix: i64,
) -> Result<Vec<Entry>, Error> {
    let mut transfer = Transfer::open(
        client,
        control,
        cmd,
        TransferType::Ascii,
        Direction::Download,
        None,
    )
    .await?;
    let mut text = Vec::new();
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let n = transfer.read_data(&mut buf).await?;
        if n == 0 {
            break;
        }
        if text.len() < MAX_LISTING {
            text.extend_from_slice(&buf[..n]);
        }
    }
    drop(buf);
    // The final reply, read now that the control connection is ours.
    control.end_transfer().await?;
    transfer.mark_finished();
    let text = String::from_utf8_lossy(&text);
    Ok(listing::parse_listing(&text, now_unix))
}

use crate::Error;
