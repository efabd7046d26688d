//! The engine's integration tests, one test binary (each binary links the whole engine: one link
//! instead of a dozen). Run one module's tests with a filter on its path, e.g.
//! `cargo test -p tamis-engine --test engine conformance::`.
//!
//! Data files are found from `CARGO_MANIFEST_DIR` (`tests/cases`, `tests/testdata`, `tests/mapping`,
//! `../shared`); insta snapshots are in `snapshots/` beside these files.

mod common;
mod conformance;
mod corpus;
mod edits;
mod export;
mod layers;
mod mapping_accuracy;
mod patterns;
mod recipes;
mod robustness;
mod schemas;
mod transforms;
