//! The errors that stop a `folio` run, each one line for the user.

use std::io;
use std::path::PathBuf;

use folio_core::{BundleError, ChunkError, PostError};

/// A fatal error of `folio build` or `folio check`.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input path does not exist.
    #[error(
        "`{path}` does not exist; give a Jekyll site, a `_posts` folder, a folder of posts or one post file"
    )]
    InputMissing {
        /// The path as given.
        path: PathBuf,
    },
    /// A file or folder could not be read.
    #[error("cannot read `{path}`")]
    Read {
        /// What could not be read.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// `_config.yml` is not valid YAML or not a mapping.
    #[error("{path}:{line}: {message}; fix the file or pass --config with another one")]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The site's time zone is not in the tz database.
    #[error("unknown time zone `{name}` ({origin}); use a tz database name such as Asia/Shanghai or America/Los_Angeles")]
    UnknownTimezone {
        /// The name given.
        name: String,
        /// Where it came from.
        origin: String,
    },
    /// The output folder is a file.
    #[error("cannot write into `{path}`: it is a file, not a folder")]
    OutputIsAFile {
        /// The path given as the output folder.
        path: PathBuf,
    },
    /// A post file changed between the two reads of a build.
    #[error("`{path}` changed while the archive was being built; run the build again")]
    ChangedDuringBuild {
        /// The post file.
        path: PathBuf,
    },
    /// A rendered post that the bundle's own reader would refuse (a bug: the
    /// build validates every field before rendering).
    #[error("`{path}` rendered into an invalid post: {error}")]
    InvalidPost {
        /// The post file, as shown in diagnostics.
        path: PathBuf,
        /// What the reader says.
        error: PostError,
    },
    /// A bug in Folio: two computations of one thing disagree.
    #[error("internal error: {what}; please report it")]
    Internal {
        /// What disagrees.
        what: String,
    },
    /// `folio check`: a file of a chunked bundle is not usable.
    #[error("`{path}` is not a usable chunk")]
    Chunk {
        /// The chunk file.
        path: PathBuf,
        /// Why.
        #[source]
        source: ChunkError,
    },
    /// `--base-url` is not an `http(s)` URL.
    #[error("--base-url `{url}` is not an http:// or https:// URL such as https://example.com/blog")]
    BaseUrl {
        /// The value given.
        url: String,
    },
    /// The output could not be written.
    #[error("cannot write `{path}`")]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
    /// `--strict` is set and the run produced warnings.
    #[error("{count} warning(s) and --strict is set, so no bundle was written")]
    Strict {
        /// How many warnings.
        count: usize,
    },
    /// `folio check`: the file is not a readable bundle.
    #[error("`{path}` is not a usable bundle")]
    Bundle {
        /// The bundle file.
        path: PathBuf,
        /// Why.
        #[source]
        source: BundleError,
    },
    /// `folio check`: the file is larger than a single-file bundle may be.
    #[error("`{path}` is {size} bytes, over the {max}-byte limit of a single-file bundle")]
    TooLarge {
        /// The bundle file.
        path: PathBuf,
        /// Its size.
        size: u64,
        /// The limit.
        max: usize,
    },
    /// `--viewer`: the folder is not a build of the viewer.
    #[error(
        "`{path}` is not a build of this version of the viewer: {why}; run `trunk build --release` and pass its output folder (normally dist/) to --viewer"
    )]
    NotAViewer {
        /// The folder given to `--viewer`.
        path: PathBuf,
        /// What is wrong with it.
        why: String,
    },
    /// This binary was built without a viewer, and none was given.
    #[error(
        "this folio binary carries no viewer, so it cannot write a site: install it with scripts/install.sh (which builds the viewer and embeds it), pass --viewer DIR with the output of `trunk build --release`, or pass --bundle-only to write the bundle and search index alone"
    )]
    NoViewer,
    /// `--viewer` and `-o` name the same folder.
    #[error(
        "--viewer and -o are the same folder `{path}`; write the site to another folder, such as public/"
    )]
    SameViewerAndOutput {
        /// The folder.
        path: PathBuf,
    },
    /// The output folder is inside the viewer folder, so copying the viewer
    /// would copy the output into itself.
    #[error(
        "the output folder `{output}` is inside the viewer folder `{viewer}`; write the site to another folder, such as public/"
    )]
    OutputInsideViewer {
        /// The folder given to `--viewer`.
        viewer: PathBuf,
        /// The folder given to `-o`.
        output: PathBuf,
    },
    /// `--public-url` is not usable in `404.html`.
    #[error("--public-url `{url}` is not usable: {why}")]
    PublicUrl {
        /// The value given.
        url: String,
        /// What is wrong with it.
        why: String,
    },
    /// Two names of one kind hash to the same chunk file (FNV-1a 64: expected
    /// about once in 10^7 archives of a million posts).
    #[error(
        "the {what}s `{first}` and `{second}` would share a chunk file; rename one, or build with --single"
    )]
    KeyCollision {
        /// `post id`, `category` or `tag`.
        what: String,
        /// The first name.
        first: String,
        /// The name that collides with it.
        second: String,
    },
    /// A search index could not be read.
    #[error("`{path}` is not a usable search index: {message}")]
    SearchIndex {
        /// The index folder or file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The search index could not be written.
    #[error("cannot write the search index")]
    Search(#[from] folio_search::BuildError),
    /// `folio serve` could not listen, watch or serve.
    #[error("cannot {what}")]
    Serve {
        /// What it was doing.
        what: String,
        /// Why it failed.
        #[source]
        source: io::Error,
    },
    /// `folio init`: the folder has files in it.
    #[error("`{path}` is not empty; `folio init` writes a new site only into a new or empty folder")]
    InitNotEmpty {
        /// The folder.
        path: PathBuf,
    },
    /// `folio check --strict`: some posts would be skipped by the viewer.
    #[error("{count} post(s) would be skipped by the viewer and --strict is set")]
    StrictCheck {
        /// How many posts are bad.
        count: usize,
    },
}

impl Error {
    /// The process exit code for this error: 1 for errors, 3 for `--strict`
    /// failures (2 is clap's code for usage errors).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Strict { .. } | Error::StrictCheck { .. } => 3,
            _ => 1,
        }
    }
}
