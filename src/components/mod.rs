//! The views, one file each; they read the state and call its actions, nothing more.

mod bulk;
mod export;
mod field;
mod forget;
mod grid;
mod host;
mod mapping;
mod notice;
mod open;
mod recipe;
mod replace;
mod results;
mod resume;
mod schema_picker;
mod source;
mod update;

pub use forget::ForgetBrowser;
pub use grid::Grid;
pub use host::HostConsent;
pub use mapping::Mapping;
pub use notice::Notice;
pub use open::OpenFile;
pub use results::Results;
pub use resume::Resume;
pub use schema_picker::SchemaPicker;
pub use source::SourceSummary;
pub use update::UpdateNotice;
