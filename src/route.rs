//! The routes of the viewer. They live in the URL's hash (`#/tag/rust`), so
//! deep links work on any static host without rewrite rules.

use folio_core::ListQuery;
use yew_router::Routable;

/// Every page of the viewer. Names in paths are percent-encoded by the
/// router and decoded before they reach the page.
#[derive(Clone, Debug, PartialEq, Routable)]
pub enum Route {
    /// Newest posts first, paginated with `?page=N`.
    #[at("/")]
    Home,
    /// One article.
    #[at("/post/:id")]
    Post { id: String },
    /// Posts in a category.
    #[at("/category/:name")]
    Category { name: String },
    /// Posts with a tag.
    #[at("/tag/:name")]
    Tag { name: String },
    /// Several tags combined with `?all=a,b` (AND) or `?any=a,b` (OR).
    #[at("/tags")]
    Tags,
    /// Every year and month with posts (the by-date index).
    #[at("/archive")]
    Dates,
    /// Posts of one year.
    #[at("/archive/:year")]
    Year { year: i32 },
    /// Posts of one month.
    #[at("/archive/:year/:month")]
    Month { year: i32, month: u32 },
    /// Anything else.
    #[not_found]
    #[at("/not-found")]
    NotFound,
}

impl Route {
    /// The `href` of this route with an optional query, for plain links.
    pub fn href(&self) -> String {
        format!("#{}", self.to_path())
    }

    /// The `href` of this route with a list query (`?page=2&all=a,b`).
    pub fn href_with(&self, query: &ListQuery) -> String {
        format!("#{}{}", self.to_path(), query.to_query_string())
    }
}

/// Link to an article.
pub fn post_href(id: &str) -> String {
    Route::Post { id: id.to_owned() }.href()
}

/// Link to a tag page.
pub fn tag_href(name: &str) -> String {
    Route::Tag { name: name.to_owned() }.href()
}

/// Link to a category page.
pub fn category_href(name: &str) -> String {
    Route::Category { name: name.to_owned() }.href()
}
