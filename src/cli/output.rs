//! The verbs' two streams. A reader that goes away — `rapporteur outline … | head`,
//! `rapporteur verify OUT 2>&1 | head -2` — is not an error: the rest of that stream is
//! dropped without a word, and the verb ends with the exit code its work gives.
//!
//! Rust ignores SIGPIPE, so a write to a pipe whose reader has gone fails with
//! [`io::ErrorKind::BrokenPipe`], and `print!`/`eprint!` panic on it. Every verb writes its
//! output through [`stdout`] and its messages through [`errln!`] instead (the binary denies
//! `print_stdout` and `print_stderr`). Any other error writing stdout (a full disk under
//! `> file`) is still an error, exit code 2.

use std::io::{self, BufWriter, StdoutLock, Write};

use anyhow::Context;

/// A writer for which a broken pipe means that the reader has gone: that write and every
/// later one are dropped, and [`UntilGone::gone`] says so. Other errors are returned.
pub struct UntilGone<W: Write> {
    inner: W,
    gone: bool,
}

impl<W: Write> UntilGone<W> {
    pub fn new(inner: W) -> UntilGone<W> {
        UntilGone { inner, gone: false }
    }

    /// True once the reader has gone: nothing written since reached it.
    pub fn gone(&self) -> bool {
        self.gone
    }

    /// `result`, with a broken pipe turned into `dropped` and the writer marked gone.
    fn unless_gone<T>(&mut self, result: io::Result<T>, dropped: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.gone = true;
                Ok(dropped)
            }
            other => other,
        }
    }
}

impl<W: Write> Write for UntilGone<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.gone {
            return Ok(buf.len());
        }
        let written = self.inner.write(buf);
        self.unless_gone(written, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.gone {
            return Ok(());
        }
        let flushed = self.inner.flush();
        self.unless_gone(flushed, ())
    }
}

/// Standard output, buffered, for one verb: see the module doc. End with [`Stdout::finish`].
pub struct Stdout(BufWriter<UntilGone<StdoutLock<'static>>>);

/// Standard output, locked for the verb.
pub fn stdout() -> Stdout {
    Stdout(BufWriter::new(UntilGone::new(io::stdout().lock())))
}

impl Stdout {
    /// True once the reader has gone: a verb whose only product is its output can stop.
    pub fn gone(&self) -> bool {
        self.0.get_ref().gone()
    }

    /// Writes `text` and flushes: a whole rendering in one go.
    pub fn print(mut self, text: &str) -> anyhow::Result<()> {
        self.write_all(text.as_bytes())
            .context("cannot write to standard output")?;
        self.finish()
    }

    /// Flushes what is buffered; an error other than a gone reader is reported.
    pub fn finish(mut self) -> anyhow::Result<()> {
        self.flush().context("cannot write to standard output")
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Writes one line to standard error. A line it cannot take (its reader gone, or any other
/// failure) is dropped: there is nowhere left to report it.
pub fn stderr_line(args: std::fmt::Arguments<'_>) {
    let mut line = args.to_string();
    line.push('\n');
    let _ = io::stderr().lock().write_all(line.as_bytes());
}

/// `eprintln!` that never panics: see [`stderr_line`].
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::cli::output::stderr_line(format_args!($($arg)*))
    };
}
pub(crate) use errln;

#[cfg(test)]
mod tests {
    use super::*;

    /// Takes `room` bytes, then fails every write with `error`.
    struct Pipe {
        taken: Vec<u8>,
        room: usize,
        error: io::ErrorKind,
    }

    impl Write for Pipe {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.taken.len() >= self.room {
                return Err(self.error.into());
            }
            let n = buf.len().min(self.room - self.taken.len());
            self.taken.extend_from_slice(&buf[..n]);
            Ok(n)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn pipe(room: usize, error: io::ErrorKind) -> UntilGone<Pipe> {
        UntilGone::new(Pipe {
            taken: Vec::new(),
            room,
            error,
        })
    }

    #[test]
    fn a_broken_pipe_drops_the_rest_quietly() {
        let mut out = pipe(5, io::ErrorKind::BrokenPipe);
        assert!(out.write_all(b"first line\nsecond line\n").is_ok());
        assert!(out.gone());
        assert!(out.write_all(b"more").is_ok() && out.flush().is_ok());
        assert_eq!(out.inner.taken, b"first");
    }

    #[test]
    fn any_other_error_is_still_an_error() {
        let mut out = pipe(5, io::ErrorKind::StorageFull);
        let err = out.write_all(b"first line\n").expect_err("disk full");
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert!(!out.gone());
    }
}
