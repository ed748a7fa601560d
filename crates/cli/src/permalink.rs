//! Jekyll's permalink rules: the address a post had on the original site.

use chrono::Datelike;

use crate::fields::Parsed;

/// Jekyll's permalink of a post, as a path: the post's `permalink`, or the
/// site's style (`date`, `pretty`, `ordinal`, `none` or a pattern).
pub(crate) fn permalink_path(p: &Parsed, style: &str) -> String {
    let pattern = match p.permalink.as_deref().unwrap_or(style) {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        other => other,
    };
    let slug = p.post_key.rsplit('/').next().unwrap_or(&p.post_key);
    let title = crate::dates::filename_date(slug).map_or(slug, |(_, rest)| rest);
    let categories: Vec<String> = p.categories.iter().map(|c| c.to_lowercase().replace(' ', "-")).collect();
    let d = p.date;
    let mut out = pattern.to_owned();
    // Longest names first, so `:title` does not eat part of `:titles`.
    let replacements = [
        (":categories", categories.join("/")),
        (":output_ext", ".html".to_owned()),
        (":short_year", format!("{:02}", d.year() % 100)),
        (":i_month", d.month().to_string()),
        (":i_day", d.day().to_string()),
        (":y_day", format!("{:03}", d.ordinal())),
        (":year", d.year().to_string()),
        (":month", format!("{:02}", d.month())),
        (":day", format!("{:02}", d.day())),
        (":title", title.to_owned()),
        (":slug", title.to_lowercase()),
        (":name", title.to_owned()),
    ];
    for (key, value) in replacements {
        out = out.replace(key, &value);
    }
    while out.contains("//") {
        out = out.replace("//", "/");
    }
    if !out.starts_with('/') {
        out.insert(0, '/');
    }
    out
}
