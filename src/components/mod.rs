//! The views, one file each; they read the state and call its actions, nothing more.

mod asis;
mod export;
mod field;
mod forget;
mod grid;
mod host;
mod mapping;
mod notice;
mod open;
mod progress;
mod publish;
mod recipe;
mod resume;
mod schema_picker;
mod source;
mod stepbar;
mod update;

pub use asis::AsIsOffer;
pub use forget::ForgetBrowser;
pub use grid::model::{Action, Fit, Place, Progress, Tool};
pub use grid::FixStep;
pub use host::HostConsent;
pub use mapping::Mapping;
pub use notice::Notice;
pub use open::{OpenFile, SavedRecipes};
pub use progress::{CheckProgress, ReadProgress};
pub use publish::Publish;
pub use resume::Resume;
pub use schema_picker::SchemaPicker;
pub use source::SourceSummary;
pub use stepbar::{StepBar, StepHead};
pub use update::UpdateNotice;
