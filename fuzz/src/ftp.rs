//! Fuzz bodies for what an FTP server sends: reply lines (fed to the
//! reply state machine one line at a time, as the control connection
//! reads them), the addresses in 227/229 replies, the directory in a 257
//! reply, and LIST / MLSD listings.
//!
//! Whatever the bytes: no panic; a reply's code is 100..=599 and its text
//! stays within the documented bounds; listing entries have a name without
//! a line break.

use openinet::ftp::addr::{parse_epsv, parse_pasv};
use openinet::ftp::listing::{parse_line, parse_listing};
use openinet::ftp::reply::{parse_pwd, size_in_150, ReplyParser, MAX_REPLY};

/// Seconds since 1970 the run pretends it is (listings without a year).
const NOW: i64 = 1_700_000_000;

pub fn replies(data: &[u8]) {
    let mut parser = ReplyParser::new();
    for line in data.split(|&b| b == b'\n') {
        match parser.push(line) {
            Ok(Some(reply)) => {
                assert!((100..=599).contains(&reply.code), "code {}", reply.code);
                // Each kept line is bounded, and so is the whole; a little
                // slack for the line ends the parser adds.
                assert!(
                    reply.text.len() <= MAX_REPLY + 8192,
                    "reply of {}",
                    reply.text.len()
                );
                let _ = parse_pwd(&reply);
                let _ = size_in_150(&reply);
                let _ = reply.first_line();
                parser = ReplyParser::new();
            }
            Ok(None) => {}
            Err(_) => parser = ReplyParser::new(),
        }
    }
    let text = String::from_utf8_lossy(data);
    let _ = parse_pasv(&text);
    let _ = parse_epsv(&text);
}

pub fn listing(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for entry in parse_listing(&text, NOW) {
        assert!(!entry.name.contains(['\r', '\n']), "name {:?}", entry.name);
        let _ = entry.attributes();
    }
    for line in text.lines() {
        let _ = parse_line(line, NOW);
    }
}
