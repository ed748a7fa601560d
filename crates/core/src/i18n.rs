//! The viewer's interface strings in Chinese and English, and locale-aware
//! formatting of dates and counts.
//!
//! The locale is picked from the bundle's site language; post content keeps
//! its own language.

use chrono::{DateTime, Datelike, FixedOffset, Timelike};

use crate::location::Location;

/// The interface languages Folio ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Locale {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

impl Locale {
    /// Picks the locale for a BCP 47 tag: any `zh*` tag is Chinese,
    /// everything else (or nothing) is English.
    pub fn from_lang_tag(tag: Option<&str>) -> Locale {
        match tag {
            Some(t) if t.trim().to_ascii_lowercase().starts_with("zh") => Locale::Zh,
            _ => Locale::En,
        }
    }

    /// The `lang` attribute for interface text in this locale.
    pub fn lang_tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Zh => "zh-CN",
        }
    }

    /// The fixed interface strings.
    pub fn text(self) -> &'static Text {
        match self {
            Locale::En => &EN,
            Locale::Zh => &ZH,
        }
    }

    /// A date as readers of this locale write it, in the post's own offset.
    ///
    /// ```
    /// use folio_core::Locale;
    /// let d = chrono::DateTime::parse_from_rfc3339("2022-01-12T21:11:17+08:00").unwrap();
    /// assert_eq!(Locale::Zh.date(&d), "2022年1月12日");
    /// assert_eq!(Locale::En.date(&d), "12 January 2022");
    /// ```
    pub fn date(self, date: &DateTime<FixedOffset>) -> String {
        match self {
            Locale::Zh => format!("{}年{}月{}日", date.year(), date.month(), date.day()),
            Locale::En => format!("{} {} {}", date.day(), self.month_name(date.month()), date.year()),
        }
    }

    /// Date and time, for the article page.
    pub fn date_time(self, date: &DateTime<FixedOffset>) -> String {
        format!("{} {:02}:{:02}", self.date(date), date.hour(), date.minute())
    }

    /// A month's name (1–12) in this locale; empty for other numbers.
    pub fn month_name(self, month: u32) -> String {
        const EN_MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        match (self, month) {
            (_, 0) | (_, 13..) => String::new(),
            (Locale::Zh, m) => format!("{m}月"),
            (Locale::En, m) => EN_MONTHS[m as usize - 1].to_owned(),
        }
    }

    /// "January 2022" / "2022年1月".
    pub fn month_heading(self, year: i32, month: u32) -> String {
        match self {
            Locale::Zh => format!("{year}年{month}月"),
            Locale::En => format!("{} {year}", self.month_name(month)),
        }
    }

    /// "2022" / "2022年".
    pub fn year_heading(self, year: i32) -> String {
        match self {
            Locale::Zh => format!("{year}年"),
            Locale::En => year.to_string(),
        }
    }

    /// "5 min read" / "阅读约 5 分钟".
    pub fn reading_time(self, minutes: u32) -> String {
        match self {
            Locale::Zh => format!("阅读约 {minutes} 分钟"),
            Locale::En => format!("{minutes} min read"),
        }
    }

    /// "1 post" / "12 posts" / "12 篇文章".
    pub fn post_count(self, n: usize) -> String {
        match (self, n) {
            (Locale::Zh, n) => format!("{n} 篇文章"),
            (Locale::En, 1) => "1 post".to_owned(),
            (Locale::En, n) => format!("{n} posts"),
        }
    }

    /// "50+ posts" / "50+ 篇文章": a count known only from below.
    pub fn post_count_at_least(self, n: usize) -> String {
        match self {
            Locale::Zh => format!("{n}+ 篇文章"),
            Locale::En => format!("{n}+ posts"),
        }
    }

    /// "Page 2" / "第 2 页": a page of a list whose length is not known yet.
    pub fn page_number(self, number: usize) -> String {
        match self {
            Locale::Zh => format!("第 {number} 页"),
            Locale::En => format!("Page {number}"),
        }
    }

    /// "Page 2 of 5" / "第 2 页，共 5 页".
    pub fn page_of(self, number: usize, count: usize) -> String {
        match self {
            Locale::Zh => format!("第 {number} 页，共 {count} 页"),
            Locale::En => format!("Page {number} of {count}"),
        }
    }

    /// Heading of a category page.
    pub fn category_heading(self, name: &str) -> String {
        match self {
            Locale::Zh => format!("分类：{name}"),
            Locale::En => format!("Category: {name}"),
        }
    }

    /// Heading of a tag page.
    pub fn tag_heading(self, name: &str) -> String {
        match self {
            Locale::Zh => format!("标签：{name}"),
            Locale::En => format!("Tag: {name}"),
        }
    }

    /// Heading of the multi-tag filter: "Tags: a + b" (AND) or "Tags: a | b" (OR).
    pub fn tags_heading(self, names: &[String], all: bool) -> String {
        let joined = names.join(if all { " + " } else { " | " });
        match self {
            Locale::Zh => format!("标签：{joined}"),
            Locale::En => format!("Tags: {joined}"),
        }
    }

    /// The notice shown when some posts of a bundle were skipped.
    pub fn skipped_notice(self, n: usize) -> String {
        match (self, n) {
            (Locale::Zh, n) => format!("此归档中有 {n} 篇文章无法显示。"),
            (Locale::En, 1) => "1 post in this archive could not be shown.".to_owned(),
            (Locale::En, n) => format!("{n} posts in this archive could not be shown."),
        }
    }

    /// Progress while the bundle downloads.
    pub fn loading_progress(self, loaded: u64, total: Option<u64>) -> String {
        let mb = |b: u64| b as f64 / 1_048_576.0;
        match (self, total) {
            (Locale::Zh, Some(t)) => format!("正在载入归档…… {:.1} / {:.1} MB", mb(loaded), mb(t)),
            (Locale::Zh, None) => format!("正在载入归档…… {:.1} MB", mb(loaded)),
            (Locale::En, Some(t)) => format!("Loading the archive… {:.1} of {:.1} MB", mb(loaded), mb(t)),
            (Locale::En, None) => format!("Loading the archive… {:.1} MB", mb(loaded)),
        }
    }

    /// The heading of a page that is not an article (an article's is its
    /// title), and the first part of its `document.title`; `None` for
    /// [`Location::Post`]. The home page's heading is "Latest posts", but
    /// its title is the site's alone.
    pub fn heading(self, location: &Location) -> Option<String> {
        let text = self.text();
        Some(match location {
            Location::Home => text.latest_posts.to_owned(),
            Location::Post { .. } => return None,
            Location::Category { name } => self.category_heading(name),
            Location::Tag { name } => self.tag_heading(name),
            Location::Tags => text.filter_by_tags.to_owned(),
            Location::Categories => text.categories.to_owned(),
            Location::Dates => text.archives.to_owned(),
            Location::Year { year } => self.year_heading(*year),
            Location::Month { year, month } => self.month_heading(*year, *month),
            Location::Search => text.search.to_owned(),
            Location::NotFound => text.not_found_title.to_owned(),
        })
    }

    /// How many posts a search found, for the live region: exact, or a
    /// lower bound while more are unread.
    pub fn search_count(self, count: usize, exact: bool, query: &str) -> String {
        match (self, exact) {
            (Locale::Zh, true) => format!("找到 {count} 篇包含“{query}”的文章"),
            (Locale::Zh, false) => format!("至少 {count} 篇文章包含“{query}”"),
            (Locale::En, true) if count == 1 => format!("1 post contains “{query}”"),
            (Locale::En, true) => format!("{count} posts contain “{query}”"),
            (Locale::En, false) => format!("At least {count} posts contain “{query}”"),
        }
    }

    /// Empty state of a tag page.
    pub fn no_posts_tagged(self, name: &str) -> String {
        match self {
            Locale::Zh => format!("没有标记为“{name}”的文章。"),
            Locale::En => format!("No posts are tagged “{name}”."),
        }
    }

    /// Empty state of a category page.
    pub fn no_posts_in_category(self, name: &str) -> String {
        match self {
            Locale::Zh => format!("分类“{name}”中没有文章。"),
            Locale::En => format!("No posts are in the category “{name}”."),
        }
    }
}

/// Interface strings that take no arguments.
#[derive(Debug)]
pub struct Text {
    pub latest_posts: &'static str,
    pub categories: &'static str,
    pub tags: &'static str,
    pub archives: &'static str,
    pub archive: &'static str,
    pub filter_by_tags: &'static str,
    pub match_all: &'static str,
    pub match_any: &'static str,
    pub clear_filter: &'static str,
    pub pick_tags: &'static str,
    pub no_matching_posts: &'static str,
    pub no_posts_yet: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    pub pagination: &'static str,
    pub older_post: &'static str,
    pub newer_post: &'static str,
    pub post_navigation: &'static str,
    pub by_author: &'static str,
    pub original_source: &'static str,
    pub loading: &'static str,
    pub loading_part: &'static str,
    pub part_failed: &'static str,
    pub parsing: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub post_not_found_title: &'static str,
    pub post_not_found_body: &'static str,
    pub page_not_found_body: &'static str,
    pub back_home: &'static str,
    pub error_title: &'static str,
    pub error_missing: &'static str,
    pub error_network: &'static str,
    pub error_refused: &'static str,
    pub error_unreadable: &'static str,
    pub retry: &'static str,
    pub details: &'static str,
    pub skip_to_content: &'static str,
    pub powered_by: &'static str,
    pub all_tags: &'static str,
    pub all_categories: &'static str,
    pub open_full_archive: &'static str,
    pub embed_this: &'static str,
    pub embed_this_help: &'static str,
    pub search: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_empty: &'static str,
    pub search_no_results_hint: &'static str,
    pub search_searching: &'static str,
    pub search_failed: &'static str,
    pub search_truncated: &'static str,
    pub search_everything: &'static str,
    pub search_order: &'static str,
    pub search_newest: &'static str,
    pub search_relevant: &'static str,
}

static EN: Text = Text {
    latest_posts: "Latest posts",
    categories: "Categories",
    tags: "Tags",
    archives: "Archives",
    archive: "Archive",
    filter_by_tags: "Filter by tags",
    match_all: "Posts with all selected tags",
    match_any: "Posts with any selected tag",
    clear_filter: "Clear filter",
    pick_tags: "Pick one or more tags to filter the archive.",
    no_matching_posts: "No posts match this filter.",
    no_posts_yet: "This archive has no posts yet.",
    previous_page: "Previous page",
    next_page: "Next page",
    pagination: "Pagination",
    older_post: "Older post",
    newer_post: "Newer post",
    post_navigation: "More posts",
    by_author: "By",
    original_source: "Original source",
    loading: "Loading the archive…",
    loading_part: "Loading…",
    part_failed: "This part of the archive could not be loaded.",
    parsing: "Reading the archive…",
    not_found_title: "Page not found",
    not_found_body: "There is no page at this address.",
    post_not_found_title: "Post not found",
    post_not_found_body: "This archive has no post with that id. It may have been renamed or removed.",
    page_not_found_body: "This list has no page with that number.",
    back_home: "Back to the latest posts",
    error_title: "The archive could not be loaded",
    error_missing: "The archive file was not found at",
    error_network: "The archive file could not be downloaded from",
    error_refused: "This page only loads archives from its own site, not from",
    error_unreadable: "The archive file was downloaded but cannot be read:",
    retry: "Try again",
    details: "Details",
    skip_to_content: "Skip to content",
    powered_by: "Served by Folio",
    all_tags: "All tags",
    all_categories: "All categories",
    open_full_archive: "Open the full archive",
    embed_this: "Embed this page",
    embed_this_help: "Paste this into any web page to show this page there:",
    search: "Search",
    search_label: "Search the archive",
    search_hint: "Type a word or a phrase. Chinese, Japanese and Korean text is found anywhere in a post; other words by how they begin; \"quotes\" find a phrase as typed.",
    search_empty: "No post contains all of that.",
    search_no_results_hint: "Try fewer or shorter words, or check the spelling.",
    search_searching: "Searching…",
    search_failed: "The search index could not be loaded.",
    search_truncated: "Only the start of this long query was searched.",
    search_everything: "Search the whole archive",
    search_order: "Order of results",
    search_newest: "Newest first",
    search_relevant: "Most relevant",
};

static ZH: Text = Text {
    latest_posts: "最新文章",
    categories: "分类",
    tags: "标签",
    archives: "归档",
    archive: "归档",
    filter_by_tags: "按标签筛选",
    match_all: "包含所有所选标签的文章",
    match_any: "包含任一所选标签的文章",
    clear_filter: "清除筛选",
    pick_tags: "选择一个或多个标签来筛选归档。",
    no_matching_posts: "没有符合筛选条件的文章。",
    no_posts_yet: "此归档中还没有文章。",
    previous_page: "上一页",
    next_page: "下一页",
    pagination: "分页",
    older_post: "上一篇",
    newer_post: "下一篇",
    post_navigation: "更多文章",
    by_author: "作者",
    original_source: "原文链接",
    loading: "正在载入归档……",
    loading_part: "正在载入……",
    part_failed: "这部分归档未能载入。",
    parsing: "正在读取归档……",
    not_found_title: "页面不存在",
    not_found_body: "此地址没有对应的页面。",
    post_not_found_title: "文章不存在",
    post_not_found_body: "此归档中没有这个编号的文章，它可能已被改名或删除。",
    page_not_found_body: "此列表没有这一页。",
    back_home: "返回最新文章",
    error_title: "无法载入归档",
    error_missing: "找不到归档文件：",
    error_network: "无法下载归档文件：",
    error_refused: "此页面只载入本站的归档，拒绝载入：",
    error_unreadable: "归档文件已下载，但无法读取：",
    retry: "重试",
    details: "详情",
    skip_to_content: "跳到正文",
    powered_by: "由 Folio 呈现",
    all_tags: "全部标签",
    all_categories: "全部分类",
    open_full_archive: "打开完整归档",
    embed_this: "嵌入此页面",
    embed_this_help: "把下面的代码粘贴到任何网页中，即可在那里显示此页面：",
    search: "搜索",
    search_label: "搜索归档",
    search_hint: "输入字词或短语。中文、日文和韩文可匹配文章中的任意位置，其他文字按词首匹配；加“\"”引号可按原样查找短语。",
    search_empty: "没有文章同时包含这些内容。",
    search_no_results_hint: "试试更少或更短的词，或检查拼写。",
    search_searching: "正在搜索……",
    search_failed: "无法载入搜索索引。",
    search_truncated: "查询过长，只搜索了开头部分。",
    search_everything: "搜索整个归档",
    search_order: "结果排序",
    search_newest: "最新优先",
    search_relevant: "最相关",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_follows_the_site_language() {
        assert_eq!(Locale::from_lang_tag(Some("zh-CN")), Locale::Zh);
        assert_eq!(Locale::from_lang_tag(Some("ZH-hant")), Locale::Zh);
        assert_eq!(Locale::from_lang_tag(Some("en-GB")), Locale::En);
        assert_eq!(Locale::from_lang_tag(Some("ja")), Locale::En);
        assert_eq!(Locale::from_lang_tag(None), Locale::En);
    }

    #[test]
    fn dates_keep_the_posts_own_offset() {
        // 21:11 in +08:00 is 13:11 UTC; a reader in Shanghai expects 21:11.
        let d = DateTime::parse_from_rfc3339("2022-01-12T21:11:17+08:00").unwrap();
        assert_eq!(Locale::Zh.date_time(&d), "2022年1月12日 21:11");
        assert_eq!(Locale::En.date_time(&d), "12 January 2022 21:11");
        assert_eq!(Locale::En.month_heading(2022, 1), "January 2022");
        assert_eq!(Locale::Zh.month_heading(2022, 1), "2022年1月");
        assert_eq!(Locale::En.month_name(13), "");
    }

    #[test]
    fn counts_are_pluralised() {
        assert_eq!(Locale::En.post_count(1), "1 post");
        assert_eq!(Locale::En.post_count(2), "2 posts");
        assert_eq!(Locale::Zh.post_count(2), "2 篇文章");
        assert_eq!(Locale::En.skipped_notice(1), "1 post in this archive could not be shown.");
        assert_eq!(
            Locale::En.loading_progress(1_572_864, Some(3_145_728)),
            "Loading the archive… 1.5 of 3.0 MB"
        );
    }
}
