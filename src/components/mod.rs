//! The pieces pages are made of, one component per file. `ArticleBody` is
//! the only component that inserts HTML.

mod article_body;
mod category_nav;
mod date_nav;
mod embed_layout;
mod filter_prompt;
mod list_page;
mod load_error_page;
mod loading_page;
mod pager;
mod part_failed;
mod part_loading;
mod post_card;
mod site_layout;
mod skipped_notice;
mod tag_cloud;
mod tag_filter_form;

pub use article_body::ArticleBody;
pub use category_nav::CategoryNav;
pub use date_nav::DateNav;
pub use embed_layout::EmbedLayout;
pub use filter_prompt::FilterPrompt;
pub use list_page::ListPage;
pub use load_error_page::LoadErrorPage;
pub use loading_page::LoadingPage;
pub use pager::Pager;
pub use part_failed::PartFailed;
pub use part_loading::PartLoading;
pub use post_card::PostCard;
pub use site_layout::SiteLayout;
pub use skipped_notice::SkippedNotice;
pub use tag_cloud::TagCloud;
pub use tag_filter_form::{TagFilterForm, TagMode};
