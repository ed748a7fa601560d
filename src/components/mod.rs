//! The pieces pages are made of, one per file: components, and view
//! functions where a piece has no state of its own (each Yew component
//! costs the viewer's wasm a few kilobytes of generic code, and the budget
//! of an interactive list page is 200 KB). `ArticleBody` is the only piece
//! that inserts HTML.

mod article_body;
mod article_content;
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
mod search_box;
mod site_layout;
mod skipped_notice;
mod tag_cloud;
mod tag_filter_form;

pub use article_body::ArticleBody;
pub use article_content::ArticleContent;
pub use category_nav::category_nav;
pub use date_nav::date_nav;
pub use embed_layout::EmbedLayout;
pub use filter_prompt::FilterPrompt;
pub use list_page::ListPage;
pub use load_error_page::LoadErrorPage;
pub use loading_page::LoadingPage;
pub use pager::Pager;
pub use part_failed::part_failed;
pub use part_loading::part_loading;
pub use post_card::PostCard;
pub use search_box::{SearchBox, SEARCH_INPUT_ID};
pub use site_layout::SiteLayout;
pub use skipped_notice::skipped_notice;
pub use tag_cloud::tag_cloud;
pub use tag_filter_form::{TagFilterForm, TagMode};
