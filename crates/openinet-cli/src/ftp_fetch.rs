//! `ftp://` URLs, as curl treats them, on the engine's FTP client
//! (`openinet::ftp`, the same one `InternetOpenUrl("ftp://...")` uses).
//!
//! - A URL naming a file downloads it in binary (`;type=a`: ASCII).
//! - A URL ending in `/` changes to that directory (CWD) and writes the
//!   server's `LIST` output exactly as it comes, as curl does.
//! - `-I` writes curl's HTTP-style head for a file: `Last-Modified` (MDTM),
//!   `Content-Length` (SIZE) and `Accept-ranges: bytes`.
//! - `-T FILE` stores FILE there (STOR, binary).
//! - Credentials: `-u`, else the URL's `user:password@`, else anonymous.
//!
//! The engine reports a refused command as ERROR_INTERNET_EXTENDED_ERROR
//! with the server's reply kept; here the reply's code picks curl's exit
//! code (550 to RETR or SIZE: 78, a refused CWD: 9, another refused RETR: 19).

use crate::exitcode;
use crate::fetch::{self, FetchError, Job, Outcome};
use crate::output::LazyWriter;
use crate::trace::Tracer;
use indicatif::ProgressBar;
use openinet::ftp::{Direction, FtpClient, FtpConfig, FtpTarget, Transfer, TransferType};
use openinet::{Session, Status};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Arc;

/// Bytes asked for per read.
const READ_BUF: usize = 64 * 1024;

/// Whether `url` is one for this module (the scheme, any case).
pub fn is_ftp(url: &str) -> bool {
    url.trim_start()
        .get(..6)
        .is_some_and(|s| s.eq_ignore_ascii_case("ftp://"))
}

/// One attempt at an `ftp://` job: log in, then download, list, or write
/// the head (`-I`). The session's timeouts apply to every step.
pub async fn run(
    session: &Session,
    job: &Job,
    tracer: &Arc<Tracer>,
    progress: Option<&ProgressBar>,
    connected: &Arc<AtomicBool>,
    outcome: &mut Outcome,
) -> Result<(), FetchError> {
    let opts = &job.options;
    let id = job.id;
    outcome.bytes = 0;
    outcome.header_bytes = 0;
    outcome.url_effective = job.url.clone();
    let target = FtpTarget::parse(&job.url).map_err(FetchError::Inet)?;
    let (user, password) = match &opts.user {
        Some((u, p)) => (Some(u.clone()), Some(p.clone())),
        None => (target.user.clone(), target.password.clone()),
    };
    let config = FtpConfig {
        host: target.host.clone(),
        port: target.port,
        user,
        password,
        passive: true, // curl's default (EPSV, then PASV)
        timeouts: session.config().timeouts,
    };
    tracer.status(
        id,
        &Status::HandleCreated(id.index),
        &format!("InternetOpenUrl {}", job.url),
    );
    tracer.note(id, "InternetOpenUrl -> NULL, ERROR_IO_PENDING");
    // The file to upload is opened first: an unreadable one is curl's 26
    // before any connection.
    let upload = match &opts.upload {
        Some(path) => Some(Upload::open(path)?),
        None => None,
    };
    let sink = fetch::status_sink(id, tracer, connected, opts.verbose);
    let connecting = FtpClient::connect(&config, Some(sink)).await;
    let result = match connecting {
        Ok(client) => {
            let r = match upload {
                Some(file) => store(&client, job, &target, file, tracer, progress).await,
                None => transfer(&client, job, &target, tracer, progress, outcome).await,
            };
            outcome.status = reply_code(&client.last_reply());
            client.close();
            r
        }
        Err(e) => {
            fetch::complete(tracer, id, &Err::<(), _>(e), "");
            Err(FetchError::Inet(e))
        }
    };
    tracer.status(id, &Status::HandleClosing(id.index), "");
    result
}

/// What is done once logged in.
async fn transfer(
    client: &FtpClient,
    job: &Job,
    target: &FtpTarget,
    tracer: &Tracer,
    progress: Option<&ProgressBar>,
    outcome: &mut Outcome,
) -> Result<(), FetchError> {
    let id = job.id;
    let path = target.path.as_str();
    let kind = if target.ascii {
        TransferType::Ascii
    } else {
        TransferType::Binary
    };
    let mut control = client.lock().await;
    if target.is_directory() {
        let entered = control.change_dir(path).await;
        fetch::complete(tracer, id, &entered, "");
        entered.map_err(|e| refused(client, e, exitcode::REMOTE_ACCESS_DENIED))?;
        if job.options.head_only {
            // curl writes no head for a directory.
            return Ok(());
        }
        let listing = Transfer::open(
            client,
            &mut control,
            "LIST",
            TransferType::Ascii,
            Direction::Download,
            None,
        )
        .await
        .map_err(|e| refused(client, e, exitcode::FAILURE))?;
        drop(control); // the transfer's end takes the control connection
        return copy(listing, job, tracer, progress, outcome).await;
    }
    if job.options.head_only {
        let head = head_lines(&mut control, path, kind).await;
        fetch::complete(tracer, id, &head, "");
        let head = head.map_err(|e| refused(client, e, exitcode::REMOTE_FILE_NOT_FOUND))?;
        let mut w = job.output.open(false)?;
        w.write(head.as_bytes())?;
        w.finish()?;
        outcome.bytes = head.len() as u64;
        outcome.header_bytes = head.len() as u64;
        return Ok(());
    }
    let opened = async {
        control.set_type(kind).await?;
        let size = control.size(path).await.ok();
        let cmd = format!("RETR {path}");
        Transfer::open(client, &mut control, &cmd, kind, Direction::Download, size).await
    }
    .await;
    fetch::complete(tracer, id, &opened, "");
    let file = opened.map_err(|e| refused(client, e, exitcode::FTP_RETR_FAILED))?;
    drop(control);
    if let (Some(bar), Some(len)) = (progress, file.size) {
        bar.set_length(len);
    }
    copy(file, job, tracer, progress, outcome).await
}

/// The local file `-T` names, open.
struct Upload {
    path: PathBuf,
    file: std::fs::File,
    len: u64,
}

impl Upload {
    fn open(path: &Path) -> Result<Upload, FetchError> {
        let failed = |e| FetchError::Input(path.to_path_buf(), e);
        let file = std::fs::File::open(path).map_err(failed)?;
        let len = file.metadata().map_err(failed)?.len();
        Ok(Upload {
            path: path.to_path_buf(),
            file,
            len,
        })
    }
}

/// `-T`: STOR the file in binary; the server's refusal is curl's 25.
async fn store(
    client: &FtpClient,
    job: &Job,
    target: &FtpTarget,
    mut upload: Upload,
    tracer: &Tracer,
    progress: Option<&ProgressBar>,
) -> Result<(), FetchError> {
    let id = job.id;
    let cmd = format!("STOR {}", target.path);
    let opened = {
        let mut control = client.lock().await;
        Transfer::open(
            client,
            &mut control,
            &cmd,
            TransferType::Binary,
            Direction::Upload,
            None,
        )
        .await
    };
    fetch::complete(tracer, id, &opened, "");
    let mut data = opened.map_err(|e| refused(client, e, exitcode::UPLOAD_FAILED))?;
    if let Some(bar) = progress {
        bar.set_length(upload.len);
    }
    let mut buf = vec![0u8; READ_BUF];
    loop {
        let n = upload
            .file
            .read(&mut buf)
            .map_err(|e| FetchError::Input(upload.path.clone(), e))?;
        if n == 0 {
            break;
        }
        tracer.note(id, "InternetWriteFile -> FALSE, ERROR_IO_PENDING");
        let sent = data.write(&buf[..n]).await;
        fetch::complete(tracer, id, &sent, &format!("wrote {n} bytes"));
        sent.map_err(FetchError::Inet)?;
        if let Some(bar) = progress {
            bar.inc(n as u64);
        }
    }
    // Closing the data connection ends the file; the final reply says
    // whether the server kept it.
    let done = data.finish().await;
    fetch::complete(tracer, id, &done, "upload finished");
    done.map_err(|e| refused(client, e, exitcode::UPLOAD_FAILED))
}

/// Writes a transfer's data to the job's output as it comes; the output
/// is created with the first byte (an empty file still gets created).
async fn copy(
    mut data: Transfer,
    job: &Job,
    tracer: &Tracer,
    progress: Option<&ProgressBar>,
    outcome: &mut Outcome,
) -> Result<(), FetchError> {
    let mut out = LazyWriter::new(&job.output, false);
    let mut buf = vec![0u8; READ_BUF];
    loop {
        tracer.note(job.id, "InternetReadFile -> FALSE, ERROR_IO_PENDING");
        let got = data.read(&mut buf).await;
        let words = match &got {
            Ok(0) => "read 0 bytes: end of file".to_string(),
            Ok(n) => format!("read {n} bytes"),
            Err(_) => String::new(),
        };
        fetch::complete(tracer, job.id, &got, &words);
        let n = got.map_err(FetchError::Inet)?;
        if n == 0 {
            break;
        }
        out.write(&buf[..n])?;
        outcome.bytes += n as u64;
        if let Some(bar) = progress {
            bar.inc(n as u64);
        }
    }
    out.finish()
}

/// curl's head for a file: MDTM's time, SIZE's length, and the note that
/// REST works. A file SIZE refuses is not there (curl's 78).
async fn head_lines(
    control: &mut openinet::ftp::Control,
    path: &str,
    kind: TransferType,
) -> Result<String, openinet::Error> {
    let mut head = String::new();
    let mdtm = control.command(&format!("MDTM {path}")).await?;
    if mdtm.code == 213 {
        if let Some(date) = http_date(mdtm.first_line()) {
            head.push_str(&format!("Last-Modified: {date}\r\n"));
        }
    }
    control.set_type(kind).await?;
    let size = control.size(path).await?;
    head.push_str(&format!(
        "Content-Length: {size}\r\nAccept-ranges: bytes\r\n"
    ));
    Ok(head)
}

/// The failure of a command the server refused, with curl's exit code for
/// it: `code` for its refusal, 78 for 550 to RETR/SIZE ("no such file").
/// Errors that are not a refusal (a dropped connection, a timeout) keep
/// their own exit code.
fn refused(client: &FtpClient, e: openinet::Error, code: u8) -> FetchError {
    if e != openinet::Error::ExtendedError {
        return FetchError::Inet(e);
    }
    let reply = client.last_reply().trim_end().to_string();
    let code = match reply_code(&reply) {
        Some(550) if code == exitcode::FTP_RETR_FAILED => exitcode::REMOTE_FILE_NOT_FOUND,
        _ => code,
    };
    FetchError::FtpReply(code, reply)
}

/// The three-digit code a reply's text begins with.
fn reply_code(reply: &str) -> Option<u16> {
    reply.get(..3)?.parse().ok()
}

/// MDTM's `YYYYMMDDHHMMSS[.sss]` (RFC 3659, UTC) as an HTTP date, as curl
/// writes it: `Tue, 13 Apr 2021 08:04:27 GMT`.
fn http_date(stamp: &str) -> Option<String> {
    let s = stamp.trim();
    let digits = s.get(..14)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |a: usize, b: usize| digits[a..b].parse::<i64>().ok();
    let (year, month, day) = (n(0, 4)?, n(4, 6)?, n(6, 8)?);
    let (hour, minute, second) = (n(8, 10)?, n(10, 12)?, n(12, 14)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let weekday = DAYS[openinet::time::days_from_civil(year, month, day).rem_euclid(7) as usize];
    Some(format!(
        "{weekday}, {day:02} {} {year:04} {hour:02}:{minute:02}:{second:02} GMT",
        MONTHS[(month - 1) as usize]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ftp_urls_are_recognised_in_any_case() {
        assert!(is_ftp("ftp://h/f"));
        assert!(is_ftp("FTP://h/f"));
        assert!(!is_ftp("http://h/f"));
        assert!(!is_ftp("ftp:/h"));
    }

    #[test]
    fn mdtm_becomes_an_http_date() {
        assert_eq!(
            http_date("20210413080427").as_deref(),
            Some("Tue, 13 Apr 2021 08:04:27 GMT")
        );
        assert_eq!(
            http_date("19700101000000.123").as_deref(),
            Some("Thu, 01 Jan 1970 00:00:00 GMT")
        );
        assert_eq!(
            http_date("20000229235959").as_deref(),
            Some("Tue, 29 Feb 2000 23:59:59 GMT")
        );
        assert_eq!(http_date("2021041308"), None);
        assert_eq!(http_date("20211313080427"), None);
    }

    #[test]
    fn reply_codes() {
        assert_eq!(reply_code("550 Failed to open file.\r\n"), Some(550));
        assert_eq!(reply_code("ok"), None);
    }
}
