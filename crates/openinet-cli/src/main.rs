//! `inet`: downloads URLs through OpenINet's async engine, with a trace of
//! every status callback; `inet demo` explains WinINet's async model on a
//! local server. A user of the engine's Rust API like any other (no FFI).
#![forbid(unsafe_code)]

mod args;
mod cookiefile;
mod demo;
mod download;
mod errname;
mod exitcode;
mod fetch;
mod ftp_fetch;
mod generate;
mod output;
mod trace;
mod writeout;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match cli.command {
        Some(args::Command::Demo) => demo::run(),
        Some(args::Command::Generate { what }) => generate::run(what),
        None => download::run(&cli),
    }
}
