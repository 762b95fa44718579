//! Progress on a terminal: files, passages and MB/s on one self-rewriting stderr line, drawn
//! by a reporter thread every 200 ms. Nothing is drawn when stderr is not a terminal (piped
//! or redirected output stays clean) or with `--quiet`.

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rapporteur::pipeline::Progress;

/// A running progress line; [`Display::finish`] clears it.
pub struct Display {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Display {
    /// Starts drawing `progress` of `total` files, unless disabled or not on a terminal.
    pub fn start(progress: Arc<Progress>, total: usize, enabled: bool) -> Display {
        let stop = Arc::new(AtomicBool::new(false));
        if !enabled || !std::io::stderr().is_terminal() {
            return Display { stop, thread: None };
        }
        let flag = stop.clone();
        let thread = std::thread::spawn(move || {
            let started = Instant::now();
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(200));
                let secs = started.elapsed().as_secs_f64().max(1e-3);
                let (files, passages, bytes) = progress.snapshot();
                let line = format!(
                    "\r  files {files}/{total} · passages {passages} · {:.1} MB/s ",
                    bytes as f64 / 1e6 / secs
                );
                let mut err = std::io::stderr().lock();
                let _ = err.write_all(line.as_bytes());
                let _ = err.flush();
            }
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(b"\r\x1b[2K");
            let _ = err.flush();
        });
        Display {
            stop,
            thread: Some(thread),
        }
    }

    /// Stops drawing and clears the line.
    pub fn finish(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
