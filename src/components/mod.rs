//! Reusable views. `ArticleBody` is the only component that inserts raw HTML.

mod article_body;
mod layout;
mod list_page;
mod pager;
mod post_card;
mod status;

pub use article_body::{ArticleBody, SanitizedHtml};
pub use layout::{focus_if_pending, Layout, MAIN_HEADING_ID};
pub use list_page::ListPage;
pub use pager::Pager;
pub use post_card::PostCard;
pub use status::{LoadErrorPage, LoadingPage, PartFailed, PartLoading};
