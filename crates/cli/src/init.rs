//! `folio init`: a new, minimal Jekyll-style site that `folio serve` shows
//! at once, and whose files explain themselves.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::Error;

const CONFIG: &str = "\
# Site settings, read by `folio build` and `folio serve` (the same keys as
# Jekyll's _config.yml, so an existing Jekyll site builds as it is).

# The archive's name, in every page's title and header.
title: My archive

# One line about it, for search engines and link previews.
description: Posts, by date, category and tag.

# The language of the posts, as a BCP 47 tag such as en, zh-CN or ja.
lang: en

# Where the site will be published. Canonical links, feeds and the sitemap
# need it; `folio serve` uses its own address instead. Add `baseurl: /blog`
# when the site lives in a folder of that host.
url: https://example.com

# The time zone of dates written without an offset (a tz database name
# such as Asia/Shanghai or Europe/Berlin).
timezone: UTC
";

/// The welcome post, dated `now`.
fn welcome_post(now: DateTime<Utc>) -> String {
    format!(
        "\
---
# Front matter: YAML between the two --- lines. Only `title` is needed;
# the date can also come from the file name (YYYY-MM-DD-slug.md).
layout: post
title: Welcome to Folio
date: {date}
author: Folio
# A post has categories (its sections) and tags, each with its own page.
categories: notes
tags: [welcome, getting started]
---

This is the first post of your archive. Posts are Markdown (or HTML) files
in `_posts/`, named by their date and a short name: this one is
`_posts/{day}-welcome-to-folio.md`.

While `folio serve` runs, every change to a post or to `_config.yml`
rebuilds the site and reloads this page.

## What to do next

- Edit this post, or add another beside it.
- Set `title`, `lang` and `url` in `_config.yml`.
- Run `folio build . -o public` and upload `public/` to any static host.
",
        date = now.format("%Y-%m-%d %H:%M:%S +0000"),
        day = now.format("%Y-%m-%d"),
    )
}

/// Writes a new site into `dir` (created if missing): `_config.yml` and one
/// welcome post dated `now`. Returns the files written.
///
/// # Errors
///
/// [`Error::InitNotEmpty`] when `dir` has anything in it; [`Error::Write`]
/// when a file cannot be written.
pub fn init_site(dir: &Path, now: DateTime<Utc>) -> Result<Vec<PathBuf>, Error> {
    let has_files = std::fs::read_dir(dir).map(|mut entries| entries.next().is_some()).unwrap_or(false);
    if has_files || dir.is_file() {
        return Err(Error::InitNotEmpty { path: dir.to_owned() });
    }
    let posts = dir.join("_posts");
    std::fs::create_dir_all(&posts).map_err(|source| Error::Write { path: posts.clone(), source })?;
    let files = [
        (dir.join("_config.yml"), CONFIG.to_owned()),
        (posts.join(format!("{}-welcome-to-folio.md", now.format("%Y-%m-%d"))), welcome_post(now)),
    ];
    for (path, text) in &files {
        std::fs::write(path, text).map_err(|source| Error::Write { path: path.clone(), source })?;
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}
