//! The zip container of an Office document, read under limits.
//!
//! A .docx is a zip archive of XML parts. Archives are untrusted input: an archive may hold
//! millions of entries, or an entry that inflates to gigabytes (a zip bomb), or lie about its
//! sizes. So: at most [`Limits::max_entries`] entries; only the parts the reader needs are
//! inflated, each through a bounded reader that stops at [`Limits::max_entry_bytes`], at
//! [`Limits::max_total_bytes`] for all parts together, and as soon as an entry has inflated
//! more than [`Limits::max_ratio`] times its compressed size (past the first MiB). The sizes an
//! archive declares are only used to refuse early, never trusted.
//!
//! ```
//! use rapporteur::read::docx::Limits;
//! assert_eq!(Limits::DEFAULT.max_entries, 10_000);
//! ```

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

/// The limits an archive is read under.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Entries in the archive's directory.
    pub max_entries: usize,
    /// Bytes one part may inflate to.
    pub max_entry_bytes: u64,
    /// Bytes all the parts read may inflate to together.
    pub max_total_bytes: u64,
    /// Inflated bytes per compressed byte, checked once an entry passes 1 MiB.
    pub max_ratio: u64,
}

impl Limits {
    /// 10,000 entries, 100 MiB per part, 200 MiB in all, 200:1.
    pub const DEFAULT: Limits = Limits {
        max_entries: 10_000,
        max_entry_bytes: 100 * 1024 * 1024,
        max_total_bytes: 200 * 1024 * 1024,
        max_ratio: 200,
    };
}

/// Entries smaller than this are not held to the compression ratio.
const RATIO_FLOOR: u64 = 1024 * 1024;

/// A limit an archive broke.
#[derive(Debug, thiserror::Error)]
pub enum ArchiveLimit {
    #[error("{count} entries (the limit is {limit})")]
    TooManyEntries { count: usize, limit: usize },
    #[error("part {part} inflates to more than {limit} bytes")]
    EntryTooLarge { part: String, limit: u64 },
    #[error("the parts inflate to more than {limit} bytes in all")]
    TotalTooLarge { limit: u64 },
    #[error("part {part} inflates more than {limit} times its compressed size")]
    Ratio { part: String, limit: u64 },
}

/// Why an archive could not be read (the caller adds the file's path).
#[derive(Debug)]
pub(crate) enum ArchiveError {
    /// Not a zip archive at all.
    NotZip,
    /// A zip archive whose directory cannot be read: cut short or damaged.
    Truncated(ZipError),
    /// A limit broken.
    Limit(ArchiveLimit),
    /// One part could not be inflated (damaged data, encryption, an unknown method).
    Part {
        part: String,
        source: std::io::Error,
    },
}

/// An opened archive.
pub(crate) struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    limits: Limits,
    inflated: u64,
}

impl<'a> Package<'a> {
    /// Opens the archive in `bytes`.
    pub fn open(bytes: &'a [u8], limits: Limits) -> Result<Package<'a>, ArchiveError> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            if bytes.starts_with(b"PK") {
                ArchiveError::Truncated(e)
            } else {
                ArchiveError::NotZip
            }
        })?;
        if zip.len() > limits.max_entries {
            return Err(ArchiveError::Limit(ArchiveLimit::TooManyEntries {
                count: zip.len(),
                limit: limits.max_entries,
            }));
        }
        Ok(Package {
            zip,
            limits,
            inflated: 0,
        })
    }

    /// The index of the entry `name` (also found when its case differs or it uses `\`).
    fn find(&self, name: &str) -> Option<usize> {
        self.zip.index_for_name(name).or_else(|| {
            (0..self.zip.len()).find(|&i| {
                self.zip.name_for_index(i).is_some_and(|n| {
                    n.replace('\\', "/")
                        .trim_start_matches('/')
                        .eq_ignore_ascii_case(name)
                })
            })
        })
    }

    /// Inflates the part `name`; `None` when the archive has no such entry.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ArchiveError> {
        let Some(index) = self.find(name) else {
            return Ok(None);
        };
        let part = || name.to_string();
        let limits = self.limits;
        let mut file = match self.zip.by_index(index) {
            Ok(f) => f,
            Err(ZipError::Io(source)) => {
                return Err(ArchiveError::Part {
                    part: part(),
                    source,
                });
            }
            Err(e) => {
                return Err(ArchiveError::Part {
                    part: part(),
                    source: std::io::Error::other(e),
                });
            }
        };
        if file.size() > limits.max_entry_bytes {
            return Err(ArchiveError::Limit(ArchiveLimit::EntryTooLarge {
                part: part(),
                limit: limits.max_entry_bytes,
            }));
        }
        let compressed = file.compressed_size().max(1);
        let mut out = Vec::with_capacity(usize::try_from(file.size().min(1 << 20)).unwrap_or(0));
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = file.read(&mut buf).map_err(|source| ArchiveError::Part {
                part: part(),
                source,
            })?;
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
            let got = out.len() as u64;
            if got > limits.max_entry_bytes {
                return Err(ArchiveError::Limit(ArchiveLimit::EntryTooLarge {
                    part: part(),
                    limit: limits.max_entry_bytes,
                }));
            }
            if self.inflated + got > limits.max_total_bytes {
                return Err(ArchiveError::Limit(ArchiveLimit::TotalTooLarge {
                    limit: limits.max_total_bytes,
                }));
            }
            if got > RATIO_FLOOR && got / compressed > limits.max_ratio {
                return Err(ArchiveError::Limit(ArchiveLimit::Ratio {
                    part: part(),
                    limit: limits.max_ratio,
                }));
            }
        }
        self.inflated += out.len() as u64;
        Ok(Some(out))
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            w.start_file(*name, opts).expect("entry");
            w.write_all(data).expect("write");
        }
        w.finish().expect("finish").into_inner()
    }

    #[test]
    fn parts_read_and_absent_parts_are_none() {
        let bytes = zip_of(&[("word/document.xml", b"<a/>")]);
        let mut p = Package::open(&bytes, Limits::DEFAULT).expect("opens");
        assert_eq!(
            p.read("word/document.xml").expect("ok").as_deref(),
            Some(&b"<a/>"[..])
        );
        assert!(p.read("word/comments.xml").expect("ok").is_none());
    }

    #[test]
    fn each_limit_is_enforced_on_the_bytes_actually_inflated() {
        let big = vec![b'a'; 3 * 1024 * 1024];
        let bytes = zip_of(&[("a.xml", &big), ("b.xml", &big[..1000])]);
        let tight = |f: fn(&mut Limits)| {
            let mut l = Limits::DEFAULT;
            f(&mut l);
            l
        };
        let read = |limits: Limits| {
            let mut p = Package::open(&bytes, limits)?;
            p.read("b.xml")?;
            p.read("a.xml")
        };
        assert!(matches!(
            read(Limits::DEFAULT),
            Err(ArchiveError::Limit(ArchiveLimit::Ratio { .. }))
        ));
        let no_ratio = tight(|l| l.max_ratio = u64::MAX);
        assert!(read(no_ratio).is_ok());
        assert!(matches!(
            read(Limits {
                max_entry_bytes: 2 * 1024 * 1024,
                ..no_ratio
            }),
            Err(ArchiveError::Limit(ArchiveLimit::EntryTooLarge { .. }))
        ));
        assert!(matches!(
            read(Limits {
                max_total_bytes: 3 * 1024 * 1024,
                ..no_ratio
            }),
            Err(ArchiveError::Limit(ArchiveLimit::TotalTooLarge { .. }))
        ));
        assert!(matches!(
            Package::open(&bytes, tight(|l| l.max_entries = 1)).err(),
            Some(ArchiveError::Limit(ArchiveLimit::TooManyEntries {
                count: 2,
                ..
            }))
        ));
    }

    #[test]
    fn not_a_zip_and_a_cut_zip_are_told_apart() {
        assert!(matches!(
            Package::open(b"hello, world", Limits::DEFAULT).err(),
            Some(ArchiveError::NotZip)
        ));
        let bytes = zip_of(&[("word/document.xml", b"<a/>")]);
        assert!(matches!(
            Package::open(&bytes[..bytes.len() / 2], Limits::DEFAULT).err(),
            Some(ArchiveError::Truncated(_))
        ));
    }
}
