//! One component per route.

mod article;
mod categories;
mod category;
mod date_index;
mod home;
mod month;
mod not_found;
mod search;
mod tag;
mod tag_filter;
mod year;

pub use article::Article;
pub use categories::Categories;
pub use category::Category;
pub use date_index::DateIndex;
pub use home::Home;
pub use month::Month;
pub use not_found::NotFound;
pub use search::Search;
pub use tag::Tag;
pub use tag_filter::TagFilter;
pub use year::Year;
