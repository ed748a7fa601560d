//! Finding the post files of an input, in a fixed order.
//!
//! The input may be a Jekyll site root (it has `_posts/` or `_config.yml`),
//! a `_posts` folder, any folder of post files, or one post file. In a site,
//! every `_posts` folder counts, and the folders above it become the posts'
//! categories (Jekyll's rule: `foo/_posts/bar/x.md` is in category `foo`).

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::frontmatter::opens_with_front_matter;
use crate::Error;

/// File extensions Jekyll reads as posts.
pub(crate) const POST_EXTENSIONS: [&str; 7] = ["md", "markdown", "mkdown", "mkdn", "mkd", "html", "htm"];

/// Extensions of data files: never posts, even when they start with `---`.
const DATA_EXTENSIONS: [&str; 6] = ["yml", "yaml", "json", "toml", "csv", "tsv"];

/// Folders that never hold posts in a site or folder walk.
const SKIPPED_DIRS: [&str; 4] = ["node_modules", "vendor", "_site", ".jekyll-cache"];

/// The kind of input that was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// A Jekyll site root.
    Site,
    /// A `_posts` folder.
    PostsFolder,
    /// Another folder.
    Folder,
    /// A single file.
    File,
}

/// One file that may be a post.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    pub path: PathBuf,
    /// The path shown to the user, relative to the input, `/`-separated.
    pub shown: String,
    /// Path relative to the site root, for `{% link %}`.
    pub site_rel: String,
    /// Path relative to its `_posts` folder, without extension, for
    /// `{% post_url %}`.
    pub post_key: String,
    /// Categories from the folders above `_posts`.
    pub categories: Vec<String>,
    /// Whether the file is in `_drafts`.
    pub draft: bool,
}

/// Everything found under an input.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub kind: InputKind,
    /// Where `_config.yml` is looked for, if anywhere.
    pub site_root: Option<PathBuf>,
    pub sources: Vec<Source>,
    /// Files that were looked at and are not posts (for `--verbose`).
    pub ignored: Vec<String>,
}

/// Finds the post files of `input`.
pub(crate) fn discover(input: &Path, drafts: bool) -> Result<Layout, Error> {
    let meta = fs::metadata(input).map_err(|source| {
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::InputMissing { path: input.to_owned() }
        } else {
            Error::Read { path: input.to_owned(), source }
        }
    })?;
    let mut layout =
        Layout { kind: InputKind::File, site_root: None, sources: Vec::new(), ignored: Vec::new() };
    if meta.is_file() {
        let name = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        layout.sources.push(Source {
            path: input.to_owned(),
            shown: name.clone(),
            site_rel: name.clone(),
            post_key: stem(&name).to_owned(),
            categories: Vec::new(),
            draft: false,
        });
        return Ok(layout);
    }
    let is_site = input.join("_posts").is_dir() || input.join("_config.yml").is_file();
    let named_posts = input.file_name().is_some_and(|n| n == "_posts");
    let mut walker = Walker { layout: &mut layout };
    if is_site {
        walker.layout.kind = InputKind::Site;
        walker.layout.site_root = Some(input.to_owned());
        walker.site(input, drafts)?;
    } else if named_posts {
        walker.layout.kind = InputKind::PostsFolder;
        walker.layout.site_root = input.parent().map(Path::to_owned);
        walker.posts(input, "", "_posts/", "", &[], false, false)?;
    } else {
        walker.layout.kind = InputKind::Folder;
        walker.posts(input, "", "", "", &[], false, true)?;
    }
    Ok(layout)
}

struct Walker<'a> {
    layout: &'a mut Layout,
}

/// The entries below `dir`, depth first, each folder's entries sorted by
/// name, so that every run sees the same order. Symlinked folders are not
/// followed (they can loop); symlinked files are read.
fn walk(dir: &Path) -> walkdir::IntoIter {
    WalkDir::new(dir).min_depth(1).follow_links(false).sort_by_file_name().into_iter()
}

fn walk_error(dir: &Path, error: walkdir::Error) -> Error {
    let path = error.path().unwrap_or(dir).to_owned();
    Error::Read { path, source: error.into() }
}

/// The path of `entry` below `dir`, with `/`, and its last part.
fn relative(dir: &Path, entry: &walkdir::DirEntry) -> (String, String) {
    let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
    let rel = rel.to_string_lossy().replace('\\', "/");
    (rel, entry.file_name().to_string_lossy().into_owned())
}

impl Walker<'_> {
    /// Walks a site: every `_posts` (and, with drafts, `_drafts`) folder; the
    /// folders above one are its posts' categories.
    fn site(&mut self, root: &Path, drafts: bool) -> Result<(), Error> {
        let mut entries = walk(root);
        while let Some(entry) = entries.next() {
            let entry = entry.map_err(|e| walk_error(root, e))?;
            if !entry.file_type().is_dir() {
                continue;
            }
            let (rel, name) = relative(root, &entry);
            let above: Vec<String> =
                rel.split('/').map(str::to_owned).take(rel.matches('/').count()).collect();
            let posts_folder = name == "_posts" || (drafts && name == "_drafts");
            if posts_folder {
                let child_rel = format!("{rel}/");
                self.posts(entry.path(), &child_rel, &child_rel, "", &above, name == "_drafts", false)?;
            }
            if posts_folder || name.starts_with(['.', '_']) || SKIPPED_DIRS.contains(&name.as_str()) {
                entries.skip_current_dir();
            }
        }
        Ok(())
    }

    /// Walks a folder of posts. `shown_rel` is the folder relative to the
    /// input, `site_rel` relative to the site root, `key_rel` relative to the
    /// `_posts` folder. In a plain folder (`any_folder`) only dot folders and
    /// build output are skipped; inside `_posts`, Jekyll's rule skips names
    /// starting with `.`, `_`, `#` or `~`, and backups ending in `~`.
    #[allow(clippy::too_many_arguments)]
    fn posts(
        &mut self,
        dir: &Path,
        shown_rel: &str,
        site_rel: &str,
        key_rel: &str,
        categories: &[String],
        draft: bool,
        any_folder: bool,
    ) -> Result<(), Error> {
        let mut entries = walk(dir);
        while let Some(entry) = entries.next() {
            let entry = entry.map_err(|e| walk_error(dir, e))?;
            let (rel, name) = relative(dir, &entry);
            let is_dir = entry.file_type().is_dir();
            let special = if any_folder {
                name.starts_with('.') || SKIPPED_DIRS.contains(&name.as_str())
            } else {
                name.starts_with(['.', '_', '#', '~']) || name.ends_with('~')
            };
            let shown = format!("{shown_rel}{rel}");
            if special {
                self.layout.ignored.push(shown);
                if is_dir {
                    entries.skip_current_dir();
                }
                continue;
            }
            let is_file = entry.file_type().is_file() || (entry.path_is_symlink() && entry.path().is_file());
            if is_dir || !is_file {
                continue;
            }
            let ext = extension(&name);
            let post_extension = POST_EXTENSIONS.contains(&ext.as_str());
            let candidate =
                post_extension || (!DATA_EXTENSIONS.contains(&ext.as_str()) && sniff(entry.path()));
            if !candidate {
                self.layout.ignored.push(shown);
                continue;
            }
            let rel_stem = match rel.rsplit_once('/') {
                Some((folder, _)) => format!("{folder}/{}", stem(&name)),
                None => stem(&name).to_owned(),
            };
            self.layout.sources.push(Source {
                path: entry.into_path(),
                shown,
                site_rel: format!("{site_rel}{rel}"),
                post_key: format!("{key_rel}{rel_stem}"),
                categories: categories.to_vec(),
                draft,
            });
        }
        Ok(())
    }
}

/// Whether a file without a post extension starts with front matter.
fn sniff(path: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    let Ok(mut file) = fs::File::open(path) else { return false };
    let mut len = 0;
    while len < head.len() {
        match file.read(&mut head[len..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => len += n,
        }
    }
    opens_with_front_matter(&head[..len])
}

/// The lower-case extension of a file name, without the dot.
pub(crate) fn extension(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// A file name without its extension.
pub(crate) fn stem(name: &str) -> &str {
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => name,
    }
}
