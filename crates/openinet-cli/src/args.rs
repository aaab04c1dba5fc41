//! The command line, declared with clap's derive API.
//!
//! `inet URL... [options]` downloads; `inet demo` runs the guided tour.
//! A first argument `demo` is the subcommand, anything else is a URL.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Examples:
  inet http://example.com/                      body to stdout
  inet http://h/a -o a.bin http://h/b -o b.bin  two downloads at once
  inet -O http://h/file.tar.gz                  saved as file.tar.gz
  inet --trace http://h/ > /dev/null            watch every status callback
  inet -I http://h/                             the response head only
  inet demo                                     the async model, explained

Exit status: 0 on success; 1 when a transfer failed (the message names the
WinINet error, e.g. ERROR_INTERNET_CANNOT_CONNECT (12029)); 22 when --fail
is given and a server answered with HTTP status 400 or above; 2 for bad usage.";

/// inet: download URLs through OpenINet, the WinINet API's asynchronous engine.
///
/// Every URL is fetched concurrently on the engine's shared runtime, exactly
/// as an application using WinINet in async mode would: each request is a
/// handle (h1, h2, ...) whose context value is its position on the command
/// line, and --trace shows every status callback it receives.
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

    /// The http:// URLs to fetch (all at once).
    #[arg(value_name = "URL", required = true)]
    pub urls: Vec<String>,

    /// Write the body to FILE instead of stdout; repeat it once per URL
    /// (the first -o goes with the first URL, and so on). "-" is stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub outputs: Vec<PathBuf>,

    /// Save each URL that has no -o under the last segment of its path.
    #[arg(short = 'O', long = "remote-name")]
    pub remote_name: bool,

    /// Print every status callback to stderr as it happens:
    /// `[  0.003s] h1 ctx=1 RESOLVING_NAME "localhost"`.
    #[arg(long)]
    pub trace: bool,

    /// Add a request header (repeatable).
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,

    /// Send HEAD and print the response head (status line and headers).
    #[arg(short = 'I', long = "head")]
    pub head: bool,

    /// Connect, send and receive timeout in milliseconds (0: none, as in
    /// WinINet). Defaults are WinINet's: 60 s to connect, 30 s per send/receive.
    #[arg(long, value_name = "MS")]
    pub timeout: Option<u32>,

    /// Fail (exit status 22, no body written) when a response's status is 400 or above.
    #[arg(short = 'f', long)]
    pub fail: bool,

    /// No progress bar (it is shown only when stderr is a terminal anyway).
    #[arg(short = 's', long)]
    pub silent: bool,

    /// The User-Agent header.
    #[arg(short = 'A', long = "user-agent", value_name = "TEXT", default_value = concat!("inet/", env!("CARGO_PKG_VERSION")))]
    pub user_agent: String,
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
}
