//! Pass 1's sink: the lines of a streaming run appended to their files (and cut back when a
//! file fails), and the compact projection of the passages that participant resolution reads.

use std::collections::HashMap;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::Path;

use tempfile::NamedTempFile;

use super::FileWarning;
use super::stream::Names;
use crate::attribute::{self, PipelineRoster};
use crate::model::{
    DocInfo, Document, Group, How, Participant, Passage, PassageKind, ReadWarning, Speaker,
};
use crate::store::{atomic, cache};

/// A buffered private file (see [`crate::store::atomic::temp_file`]) that knows how many
/// bytes it holds, so that it can be cut back; removed when dropped unless put into place.
pub(super) struct Counted {
    w: BufWriter<NamedTempFile>,
    pub(super) len: u64,
}

impl Counted {
    /// A new file named after `name` in `dir`.
    pub(super) fn create(dir: &Path, name: &str) -> std::io::Result<Counted> {
        Ok(Counted {
            w: BufWriter::with_capacity(1 << 20, atomic::temp_file(dir, name)?),
            len: 0,
        })
    }

    pub(super) fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.w.write_all(bytes)?;
        self.len += bytes.len() as u64;
        Ok(())
    }

    pub(super) fn truncate(&mut self, len: u64) -> std::io::Result<()> {
        self.w.flush()?;
        self.w.get_ref().as_file().set_len(len)?;
        self.w.seek(SeekFrom::Start(len))?;
        self.len = len;
        Ok(())
    }

    /// Flushed and synced: the file whole on disk (still removed when dropped).
    pub(super) fn finish(mut self) -> std::io::Result<NamedTempFile> {
        self.w.flush()?;
        let file = self.w.into_inner().map_err(|e| e.into_error())?;
        file.as_file().sync_all()?;
        Ok(file)
    }
}

/// What resolution needs of a passage with a speaker.
pub(super) struct Who {
    id: Box<str>,
    /// Index into [`Sink::doc_ids`].
    doc: u32,
    /// Index into [`Sink::speakers`].
    speaker: u32,
    label: Option<Box<str>>,
    sector: bool,
    /// The passage's text, only when its speaker came from a trailing "(Name)".
    text: Option<Box<str>>,
    voice: Option<Group>,
}

/// A speaker as a hash key.
pub(super) type SpeakerKey = Speaker;

pub(super) fn key(s: Speaker) -> SpeakerKey {
    s
}

pub(super) fn speaker(s: SpeakerKey) -> Speaker {
    s
}

/// A document processed and serialized, ready to append.
pub(super) struct Rendered {
    doc_id: String,
    doc: Vec<u8>,
    info: Vec<u8>,
    /// The passage lines, each without its newline.
    pub(super) passages: Vec<Vec<u8>>,
    /// The passages with a speaker: the speaker, and the rest of what resolution reads
    /// (document and speaker numbered when appended).
    who: Vec<(Speaker, Who)>,
    attendees: Option<serde_json::Value>,
    /// The document's path and what its reader passed over.
    path: String,
    warnings: Vec<ReadWarning>,
}

impl Rendered {
    pub(super) fn new(doc: &Document, passages: Vec<Passage>) -> serde_json::Result<Rendered> {
        let mut lines = Vec::with_capacity(passages.len());
        let mut who = Vec::new();
        for mut p in passages {
            lines.push(serde_json::to_vec(&p)?);
            if let Some(s) = p.speaker.take() {
                let label = p.meta.get("label").and_then(|v| v.as_str()).map(Box::from);
                let text = (s.how == How::Parenthetical).then(|| Box::from(p.text.as_str()));
                let sector = p.meta.contains_key("sector");
                who.push((
                    s,
                    Who {
                        id: p.id.into(),
                        doc: 0,
                        speaker: 0,
                        label,
                        sector,
                        text,
                        voice: p.voice,
                    },
                ));
            }
        }
        Ok(Rendered {
            doc_id: doc.id.clone(),
            doc: serde_json::to_vec(doc)?,
            info: serde_json::to_vec(&DocInfo::from(doc))?,
            passages: lines,
            who,
            attendees: doc.meta.get("attendees").filter(|v| v.is_array()).cloned(),
            path: doc.path.clone(),
            warnings: doc.warnings.clone(),
        })
    }

    /// The cache record of this document (as [`cache::Cache::put`] writes it).
    pub(super) fn record(&self) -> Vec<u8> {
        let parts: Vec<&[u8]> = self.passages.iter().map(Vec::as_slice).collect();
        let mut out = Vec::with_capacity(
            self.doc.len() + parts.iter().map(|p| p.len() + 1).sum::<usize>() + 32,
        );
        cache::record_line(&self.doc, &parts, &mut out);
        out
    }
}

/// Pass 1's outputs and the projection resolution needs.
pub(super) struct Sink {
    pub(super) docs: Option<Counted>,
    pub(super) infos: Counted,
    pub(super) pass1: Counted,
    doc_ids: Vec<Box<str>>,
    who: Vec<Who>,
    speakers: Vec<SpeakerKey>,
    speaker_ids: HashMap<SpeakerKey, u32>,
    /// Documents with an attendee table (id and table only), in corpus order.
    attendees: Vec<Document>,
    /// The readers' warnings, in corpus order.
    pub(super) warnings: Vec<FileWarning>,
    pub(super) documents: usize,
    pub(super) passages: usize,
}

/// Where a sink was, to cut back to.
#[derive(Clone, Copy)]
pub(super) struct Mark {
    docs: u64,
    infos: u64,
    pass1: u64,
    doc_ids: usize,
    who: usize,
    attendees: usize,
    warnings: usize,
    pub(super) documents: usize,
    pub(super) passages: usize,
}

impl Sink {
    pub(super) fn create(names: &Names<'_>) -> std::io::Result<Sink> {
        Ok(Sink {
            docs: match names.dir {
                Some(dir) => Some(Counted::create(dir, "documents.jsonl")?),
                None => None,
            },
            infos: Counted::create(names.scratch, "stream-docinfo.jsonl")?,
            pass1: Counted::create(names.scratch, "stream-passages.jsonl")?,
            doc_ids: Vec::new(),
            who: Vec::new(),
            speakers: Vec::new(),
            speaker_ids: HashMap::new(),
            attendees: Vec::new(),
            warnings: Vec::new(),
            documents: 0,
            passages: 0,
        })
    }

    pub(super) fn emit(&mut self, r: Rendered) -> std::io::Result<()> {
        if let Some(d) = self.docs.as_mut() {
            d.write(&r.doc)?;
            d.write(b"\n")?;
        }
        self.infos.write(&r.info)?;
        self.infos.write(b"\n")?;
        for line in &r.passages {
            self.pass1.write(line)?;
            self.pass1.write(b"\n")?;
        }
        self.documents += 1;
        self.passages += r.passages.len();
        self.warnings
            .extend(r.warnings.into_iter().map(|warning| FileWarning {
                path: r.path.clone(),
                warning,
            }));
        if !r.who.is_empty() {
            let doc = u32::try_from(self.doc_ids.len()).unwrap_or(u32::MAX);
            self.doc_ids.push(r.doc_id.as_str().into());
            for (s, who) in r.who {
                let k = key(s);
                let speaker = match self.speaker_ids.get(&k) {
                    Some(&n) => n,
                    None => {
                        let n = u32::try_from(self.speakers.len()).unwrap_or(u32::MAX);
                        self.speakers.push(k.clone());
                        self.speaker_ids.insert(k, n);
                        n
                    }
                };
                self.who.push(Who {
                    doc,
                    speaker,
                    ..who
                });
            }
        }
        if let Some(table) = r.attendees {
            self.attendees.push(Document {
                id: r.doc_id,
                path: String::new(),
                path_raw: None,
                format: String::new(),
                title: None,
                kind: String::new(),
                text: String::new(),
                meta: [("attendees".to_string(), table)].into_iter().collect(),
                warnings: Vec::new(),
                authors: Vec::new(),
                blocks: Vec::new(),
            });
        }
        Ok(())
    }

    pub(super) fn mark(&self) -> Mark {
        Mark {
            docs: self.docs.as_ref().map_or(0, |d| d.len),
            infos: self.infos.len,
            pass1: self.pass1.len,
            doc_ids: self.doc_ids.len(),
            who: self.who.len(),
            attendees: self.attendees.len(),
            warnings: self.warnings.len(),
            documents: self.documents,
            passages: self.passages,
        }
    }

    /// Cuts everything appended since `m` (interned speakers stay, unused).
    pub(super) fn rollback(&mut self, m: Mark) -> std::io::Result<()> {
        if let Some(d) = self.docs.as_mut() {
            d.truncate(m.docs)?;
        }
        self.infos.truncate(m.infos)?;
        self.pass1.truncate(m.pass1)?;
        self.doc_ids.truncate(m.doc_ids);
        self.who.truncate(m.who);
        self.attendees.truncate(m.attendees);
        self.warnings.truncate(m.warnings);
        self.documents = m.documents;
        self.passages = m.passages;
        Ok(())
    }

    /// Resolves participants over the projection: the participants, and for each passage
    /// with a speaker (in order) its resolved speaker and voice.
    pub(super) fn resolve(&mut self, roster: &PipelineRoster) -> (Vec<Participant>, Resolved) {
        let who = std::mem::take(&mut self.who);
        let doc_ids = std::mem::take(&mut self.doc_ids);
        let speakers = std::mem::take(&mut self.speakers);
        self.speaker_ids = HashMap::new();
        let mut stubs: Vec<Passage> = who
            .into_iter()
            .map(|w| {
                let mut meta = std::collections::BTreeMap::new();
                if let Some(l) = w.label {
                    meta.insert(
                        "label".to_string(),
                        serde_json::Value::from(String::from(l)),
                    );
                }
                if w.sector {
                    meta.insert("sector".to_string(), serde_json::Value::Bool(true));
                }
                Passage {
                    id: w.id.into(),
                    doc: doc_ids
                        .get(w.doc as usize)
                        .map_or_else(String::new, |d| d.to_string()),
                    kind: PassageKind::Paragraph,
                    section: Vec::new(),
                    start: 0,
                    end: 0,
                    text: w.text.map_or_else(String::new, String::from),
                    speaker: speakers.get(w.speaker as usize).cloned().map(speaker),
                    reply_to: None,
                    anchor: None,
                    themes: Vec::new(),
                    mentions: Vec::new(),
                    voice: w.voice,
                    recommendations: Vec::new(),
                    questions: Vec::new(),
                    stance: Default::default(),
                    meta,
                }
            })
            .collect();
        drop(doc_ids);
        drop(speakers);
        let attendees = std::mem::take(&mut self.attendees);
        let participants = attribute::resolve_corpus(&attendees, &mut stubs, roster);
        let mut resolved = Resolved::default();
        let mut ids: HashMap<(Option<SpeakerKey>, Option<Group>), u32> = HashMap::new();
        for p in stubs {
            let k = (p.speaker.map(key), p.voice);
            let n = match ids.get(&k) {
                Some(&n) => n,
                None => {
                    let n = u32::try_from(resolved.table.len()).unwrap_or(u32::MAX);
                    resolved.table.push((k.0.clone().map(speaker), k.1));
                    ids.insert(k, n);
                    n
                }
            };
            resolved.of.push(n);
        }
        (participants, resolved)
    }
}

/// Resolved speakers: for each passage with a speaker, in order, an index into `table`.
#[derive(Default)]
pub(super) struct Resolved {
    pub(super) table: Vec<(Option<Speaker>, Option<Group>)>,
    pub(super) of: Vec<u32>,
}
