//! The views, one file each; they read the state and call its actions, nothing more.

mod bulk;
mod export;
mod field;
mod grid;
mod mapping;
mod notice;
mod open;
mod recipe;
mod replace;
mod results;
mod schema_picker;
mod source;

pub use grid::Grid;
pub use mapping::Mapping;
pub use notice::Notice;
pub use open::OpenFile;
pub use results::Results;
pub use schema_picker::SchemaPicker;
pub use source::SourceSummary;
