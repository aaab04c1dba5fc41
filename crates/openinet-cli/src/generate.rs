//! `inet generate man|bash|zsh|fish`: the man page (clap_mangen) and the
//! shell completions (clap_complete), made from the clap definition so they
//! never drift from the options. `scripts/install.sh` installs them.

use crate::args::{Cli, Generated};
use clap::CommandFactory;
use clap_complete::Shell;
use std::io::Write;
use std::process::ExitCode;

pub fn run(what: Generated) -> ExitCode {
    let mut cmd = Cli::command();
    let mut out = Vec::new();
    let shell = match what {
        Generated::Man => {
            if let Err(e) = clap_mangen::Man::new(cmd).render(&mut out) {
                eprintln!("error: rendering the man page: {e}");
                return ExitCode::FAILURE;
            }
            return emit(&out);
        }
        Generated::Bash => Shell::Bash,
        Generated::Zsh => Shell::Zsh,
        Generated::Fish => Shell::Fish,
    };
    clap_complete::generate(shell, &mut cmd, "inet", &mut out);
    emit(&out)
}

fn emit(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: writing to stdout: {e}");
            ExitCode::FAILURE
        }
    }
}
