//! The command line, declared with clap's derive API, in curl's spelling:
//! where curl has an option, `inet` has it under the same letters with the
//! same meaning.
//!
//! `inet URL... [options]` transfers; `inet demo` runs the guided tour. A
//! first argument `demo` is the subcommand, anything else is a URL.

use clap::{ArgAction, Parser, Subcommand};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples:
  inet http://example.com/                       body to stdout
  inet -O http://h/file.tar.gz                   saved as file.tar.gz
  inet -Z http://h/a -o a.bin http://h/b -o b.bin  two transfers at once
  inet -C - -o big.iso http://h/big.iso          resume a partial download
  inet -d 'a=1&b=2' http://h/form                POST a form
  inet -L -w '%{http_code} %{url_effective}\\n' http://h/  follow redirects
  inet --trace http://h/ > /dev/null             watch every status callback
  inet ftp://user:pw@h/pub/file.iso -O           an FTP download
  inet ftp://h/pub/                              an FTP directory listing (LIST)
  inet -T report.pdf ftp://user:pw@h/incoming/   an FTP upload (STOR)
  inet demo                                      the async model, explained

Exit status (curl's numbers):
   0  success
   1  unsupported protocol (ERROR_INTERNET_UNRECOGNIZED_SCHEME), or another failure
   2  bad usage
   3  malformed URL (ERROR_INTERNET_INVALID_URL)
   5  a proxy (-x, http_proxy, ...) that cannot be used
   6  could not resolve host (ERROR_INTERNET_NAME_NOT_RESOLVED)
   7  could not connect (ERROR_INTERNET_CANNOT_CONNECT)
   8  the server's answer is not HTTP (ERROR_HTTP_INVALID_SERVER_RESPONSE)
   9  FTP: the server refused to enter the directory of a URL ending in /
  19  FTP: the server refused to send the file (RETR) for another reason
  22  HTTP status 400 or above with -f/--fail
  23  writing the output failed
  25  FTP: the server refused the upload (STOR)
  26  reading --data/--data-binary @FILE, -T FILE or -b FILE failed
  28  timeout (ERROR_INTERNET_TIMEOUT, --max-time, --connect-timeout)
  33  -C: the server does not do byte ranges
  35  TLS handshake failed (ERROR_INTERNET_SECURITY_CHANNEL_ERROR)
  47  more redirects than --max-redirs (ERROR_HTTP_REDIRECT_FAILED)
  56  the connection broke while receiving (ERROR_INTERNET_CONNECTION_RESET/ABORTED)
  60  the server's certificate was refused (ERROR_INTERNET_INVALID_CA,
      ERROR_INTERNET_SEC_CERT_*); -k waives the checks
  67  FTP: the user name or password was refused (ERROR_INTERNET_LOGIN_FAILURE)
  78  FTP: no such file (550 to RETR or SIZE)
With several URLs the status is the last failed transfer's.";

/// inet: transfer URLs through OpenINet, the WinINet API's asynchronous engine.
///
/// Options are curl's where curl has them. Each transfer is a WinINet
/// request handle (h1, h2, ...) whose context value is its position on the
/// command line; --trace shows every status callback it receives. Bodies go
/// to stdout (or -o/-O files) and nothing else does; progress bars are drawn
/// on stderr when it is a terminal.
#[derive(Debug, Parser)]
#[command(
    name = "inet",
    version,
    about,
    long_about,
    after_help = AFTER_HELP,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The http://, https:// and ftp:// URLs to transfer (in order; all at
    /// once with -Z). An ftp:// URL ending in / lists the directory.
    #[arg(value_name = "URL", required = true)]
    pub urls: Vec<String>,

    /// Write the body to FILE instead of stdout; repeat it once per URL
    /// (the first -o goes with the first URL, and so on). "-" is stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,

    /// Save each URL that has no -o under the last segment of its path.
    #[arg(short = 'O', long = "remote-name")]
    pub remote_name: bool,

    /// Add a request header, "Name: value" (repeatable).
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,

    /// Send DATA with POST, as a form (Content-Type:
    /// application/x-www-form-urlencoded unless -H says otherwise). Repeated
    /// -d are joined with '&'. @FILE reads FILE (@- stdin), without its line breaks.
    #[arg(short = 'd', long = "data", value_name = "DATA")]
    pub data: Vec<String>,

    /// Like -d, but @FILE is sent exactly as it is (line breaks kept).
    #[arg(long = "data-binary", value_name = "DATA")]
    pub data_binary: Vec<String>,

    /// The request method (default GET, POST with -d, HEAD with -I).
    #[arg(short = 'X', long = "request", value_name = "METHOD")]
    pub method: Option<String>,

    /// Upload FILE: STOR to an ftp:// URL, PUT (unless -X) to an http(s)://
    /// one; a URL ending in / gets FILE's name appended, as in curl.
    #[arg(short = 'T', long = "upload-file", value_name = "FILE")]
    pub upload_file: Option<PathBuf>,

    /// Send HEAD and print the response head (status line and headers); for
    /// an ftp:// file, curl's Last-Modified (MDTM) and Content-Length (SIZE) lines.
    #[arg(short = 'I', long = "head")]
    pub head: bool,

    /// Follow redirects (3xx with Location). Without -L a redirect is the
    /// answer: the request carries INTERNET_FLAG_NO_AUTO_REDIRECT.
    #[arg(short = 'L', long = "location")]
    pub location: bool,

    /// With -L, at most NUM redirects (-1: no limit).
    #[arg(
        long = "max-redirs",
        value_name = "NUM",
        default_value_t = 50,
        allow_negative_numbers = true
    )]
    pub max_redirs: i64,

    /// Accept a server certificate that fails its checks (unknown CA, wrong
    /// name, expired, revocation): the SECURITY_FLAG_IGNORE_* waivers.
    #[arg(short = 'k', long = "insecure")]
    pub insecure: bool,

    /// Use this HTTP proxy, `[http://][user:password@]host[:port]`, for every
    /// URL (else http_proxy, https_proxy, all_proxy; no_proxy is honoured).
    #[arg(short = 'x', long = "proxy", value_name = "PROXY")]
    pub proxy: Option<String>,

    /// Server user name and password, USER:PASSWORD, given to
    /// InternetConnect (WinINet answers the server's authentication challenge
    /// with them; an FTP server gets them as USER and PASS instead of the
    /// URL's, or of an anonymous login).
    #[arg(short = 'u', long = "user", value_name = "USER:PASSWORD")]
    pub user: Option<String>,

    /// Ask for a compressed response (deflate, gzip, br) and decode it
    /// (INTERNET_OPTION_HTTP_DECODING).
    #[arg(long)]
    pub compressed: bool,

    /// The User-Agent header.
    #[arg(short = 'A', long = "user-agent", value_name = "TEXT", default_value = concat!("inet/", env!("CARGO_PKG_VERSION")))]
    pub user_agent: String,

    /// The Referer header (HttpOpenRequest's referrer).
    #[arg(short = 'e', long = "referer", value_name = "URL")]
    pub referer: Option<String>,

    /// Send cookies: "name=value[; n2=v2]" as they are, or read a cookie
    /// file (Netscape format, as -c writes and curl reads) into the store.
    #[arg(short = 'b', long = "cookie", value_name = "DATA|FILE")]
    pub cookies: Vec<String>,

    /// After the transfers, write every cookie of the store (received or
    /// read with -b) to FILE in Netscape format ("-": stdout).
    #[arg(short = 'c', long = "cookie-jar", value_name = "FILE")]
    pub cookie_jar: Option<PathBuf>,

    /// Resume a download: "-" continues from the size of the -o/-O file
    /// (Range: bytes=SIZE-), a number from that offset.
    #[arg(
        short = 'C',
        long = "continue-at",
        value_name = "OFFSET|-",
        allow_hyphen_values = true
    )]
    pub continue_at: Option<String>,

    /// Give up on a transfer after this many seconds in all (exit 28).
    #[arg(short = 'm', long = "max-time", value_name = "SECONDS")]
    pub max_time: Option<f64>,

    /// Give up connecting after this many seconds (INTERNET_OPTION_CONNECT_TIMEOUT; exit 28).
    #[arg(long = "connect-timeout", value_name = "SECONDS")]
    pub connect_timeout: Option<f64>,

    /// Connect, send and receive timeout in milliseconds (0: none, as in
    /// WinINet). Defaults are WinINet's: 60 s to connect, 30 s per send/receive.
    #[arg(long, value_name = "MS")]
    pub timeout: Option<u32>,

    /// Retry a transfer up to NUM times after a transient failure (a
    /// timeout, a name that did not resolve, HTTP 408, 429, 500, 502, 503,
    /// 504), waiting 1 s, then 2 s, 4 s... as curl does.
    #[arg(long, value_name = "NUM", default_value_t = 0)]
    pub retry: u32,

    /// Transfer the URLs at once instead of one after the other.
    #[arg(short = 'Z', long)]
    pub parallel: bool,

    /// With -Z, at most NUM transfers at a time.
    #[arg(long = "parallel-max", value_name = "NUM", default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..))]
    pub parallel_max: u32,

    /// After each transfer print FORMAT to stdout with its %{variables}:
    /// http_code, response_code, size_download, size_header, time_total,
    /// url, url_effective, num_redirects, content_type, filename_effective,
    /// exitcode, errormsg; \n, \r, \t as escapes.
    #[arg(short = 'w', long = "write-out", value_name = "FORMAT")]
    pub write_out: Option<String>,

    /// Silent: no progress bar and no error messages.
    #[arg(short = 's', long)]
    pub silent: bool,

    /// With -s, still print error messages.
    #[arg(short = 'S', long = "show-error")]
    pub show_error: bool,

    /// Fail (exit status 22, no body written) when a response's status is 400 or above.
    #[arg(short = 'f', long)]
    pub fail: bool,

    /// Print the request head ("> ") and the response head ("< ") of each
    /// exchange, and connection notes ("* "), to stderr.
    #[arg(short = 'v', long, action = ArgAction::SetTrue)]
    pub verbose: bool,

    /// Print every status callback to stderr as it happens, with its time:
    /// `[  0.003s] h1 ctx=1 RESOLVING_NAME "localhost"`.
    #[arg(long)]
    pub trace: bool,

    /// Use HTTP/1.1 (the default).
    #[arg(long = "http1.1", overrides_with = "http2")]
    pub http1_1: bool,

    /// Ask for HTTP/2; as curl does when a server does not offer it, the
    /// transfer uses HTTP/1.1 (this build's engine speaks HTTP/1.1 only).
    #[arg(long = "http2", overrides_with = "http1_1")]
    pub http2: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a local server and fetch a few URLs from it concurrently with
    /// the trace on, explaining WinINet's async model as it goes (no network needed).
    Demo,
    /// Print a shell completion script or the man page, made from this
    /// command line's definition (scripts/install.sh installs them).
    #[command(hide = true)]
    Generate {
        #[arg(value_enum)]
        what: Generated,
    },
}

/// What `inet generate` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Generated {
    /// inet(1), roff.
    Man,
    Bash,
    Zsh,
    Fish,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn outputs_pair_with_urls_in_order() {
        let cli =
            Cli::try_parse_from(["inet", "http://a/1", "-o", "one", "http://a/2", "-o", "two"])
                .unwrap();
        assert_eq!(cli.urls, ["http://a/1", "http://a/2"]);
        assert_eq!(cli.outputs, [PathBuf::from("one"), PathBuf::from("two")]);
        assert!(cli.command.is_none());
    }

    #[test]
    fn demo_is_a_subcommand_and_urls_are_required_otherwise() {
        let cli = Cli::try_parse_from(["inet", "demo"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Demo)));
        assert!(Cli::try_parse_from(["inet"]).is_err());
        assert!(Cli::try_parse_from(["inet", "--trace"]).is_err());
    }

    #[test]
    fn timeout_must_be_a_number() {
        assert!(Cli::try_parse_from(["inet", "--timeout", "soon", "http://a/"]).is_err());
        let cli = Cli::try_parse_from(["inet", "--timeout", "250", "http://a/"]).unwrap();
        assert_eq!(cli.timeout, Some(250));
    }

    #[test]
    fn curl_spellings_parse() {
        let cli = Cli::try_parse_from([
            "inet",
            "-sSfLkI",
            "-C",
            "-",
            "--max-redirs",
            "-1",
            "-Z",
            "--parallel-max",
            "3",
            "-w",
            "%{http_code}",
            "-m",
            "1.5",
            "-b",
            "a=1",
            "-c",
            "jar",
            "http://a/",
        ])
        .unwrap();
        assert!(cli.silent && cli.show_error && cli.fail && cli.location && cli.insecure);
        assert!(cli.head && cli.parallel);
        assert_eq!(cli.continue_at.as_deref(), Some("-"));
        assert_eq!(cli.max_redirs, -1);
        assert_eq!(cli.parallel_max, 3);
        assert_eq!(cli.max_time, Some(1.5));
        assert!(Cli::try_parse_from(["inet", "--parallel-max", "0", "http://a/"]).is_err());
    }
}
