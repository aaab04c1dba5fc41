//! Where a body goes: stdout, a file, or nowhere (the demo only counts).
//!
//! Writes are plain blocking writes from the download's task: a file or a
//! pipe write of at most 64 KiB is short, and only one download may use
//! stdout, so a slow reader of stdout pauses that download alone.

use crate::fetch::FetchError;
use std::fs::File;
use std::io::{self, Write};
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Stdout,
    File(PathBuf),
    Discard,
}

impl Output {
    /// Opens the destination: a file is created or truncated now, or
    /// written after what it holds with `append` (`-C`).
    pub fn open(&self, append: bool) -> Result<Writer, FetchError> {
        let sink = match self {
            Output::Stdout => Sink::Stdout(io::stdout()),
            Output::File(path) => {
                let file = if append {
                    std::fs::OpenOptions::new()
                        .append(true)
                        .create(true)
                        .open(path)
                } else {
                    File::create(path)
                };
                Sink::File(
                    path.clone(),
                    file.map_err(|e| FetchError::Output(path.clone(), e))?,
                )
            }
            Output::Discard => Sink::Discard,
        };
        Ok(Writer { sink })
    }

    /// The size of the file already there (`-C -`); 0 for none or stdout.
    pub fn existing_size(&self) -> u64 {
        match self {
            Output::File(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
            _ => 0,
        }
    }

    /// How the summary names it.
    pub fn describe(&self) -> String {
        match self {
            Output::Stdout => "stdout".to_string(),
            Output::File(p) => p.display().to_string(),
            Output::Discard => "(discarded)".to_string(),
        }
    }
}

/// An open destination.
#[derive(Debug)]
pub struct Writer {
    sink: Sink,
}

#[derive(Debug)]
enum Sink {
    Stdout(io::Stdout),
    File(PathBuf, File),
    Discard,
}

impl Writer {
    pub fn write(&mut self, bytes: &[u8]) -> Result<(), FetchError> {
        match &mut self.sink {
            Sink::Stdout(out) => out
                .lock()
                .write_all(bytes)
                .map_err(|e| FetchError::Output(PathBuf::from("stdout"), e)),
            Sink::File(path, file) => file
                .write_all(bytes)
                .map_err(|e| FetchError::Output(path.clone(), e)),
            Sink::Discard => Ok(()),
        }
    }

    /// Flushes; errors here (a full disk) are errors of the download.
    pub fn finish(mut self) -> Result<(), FetchError> {
        match &mut self.sink {
            Sink::Stdout(out) => out
                .lock()
                .flush()
                .map_err(|e| FetchError::Output(PathBuf::from("stdout"), e)),
            Sink::File(path, file) => file
                .flush()
                .map_err(|e| FetchError::Output(path.clone(), e)),
            Sink::Discard => Ok(()),
        }
    }
}

/// A destination opened with the first byte written to it: a transfer
/// that fails before its body leaves no file (one that fails midway
/// leaves a partial one), and an empty body still makes an (empty) file.
pub struct LazyWriter<'a> {
    output: &'a Output,
    append: bool,
    writer: Option<Writer>,
}

impl<'a> LazyWriter<'a> {
    pub fn new(output: &'a Output, append: bool) -> LazyWriter<'a> {
        LazyWriter {
            output,
            append,
            writer: None,
        }
    }

    pub fn write(&mut self, bytes: &[u8]) -> Result<(), FetchError> {
        let w = match &mut self.writer {
            Some(w) => w,
            None => self.writer.insert(self.output.open(self.append)?),
        };
        w.write(bytes)
    }

    pub fn finish(self) -> Result<(), FetchError> {
        match self.writer {
            Some(w) => w.finish(),
            None => self.output.open(self.append)?.finish(),
        }
    }
}
