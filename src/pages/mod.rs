//! One component per route.

mod archive;
mod article;
mod home;
mod not_found;
mod taxonomy;

pub use archive::{ArchiveIndex, Month, Year};
pub use article::Article;
pub use home::Home;
pub use not_found::NotFound;
pub use taxonomy::{Category, Tag, TagFilter};
