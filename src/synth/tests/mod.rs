//! Outline tests: hand-cut passages of the real seed documents (`seeds.rs`) and small
//! corpora built to show one behaviour each (`synthetic.rs`).

mod corpus;
mod seeds;
mod synthetic;
