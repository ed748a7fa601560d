//! The `folio` command. All the work is in the `folio_cli` library; this
//! parses the command line, runs it, draws progress, and turns an error into
//! one line and an exit code.

mod args;
mod commands;
mod progress;

use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser as _;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let what = match &cli.command {
        args::Command::Build(args) => format!("building {}", args.input.display()),
        args::Command::Check(args) => format!("checking {}", args.bundle.display()),
        args::Command::Search(args) => format!("searching {}", args.archive.display()),
        args::Command::Serve(args) => format!("serving {}", args.site.display()),
        args::Command::Init(args) => format!("writing a new site into {}", args.dir.display()),
    };
    let result =
        commands::run(cli, &mut std::io::stdout(), &mut std::io::stderr()).map_err(anyhow::Error::new);
    match result.context(what) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            let code = err.downcast_ref::<folio_cli::Error>().map_or(1, folio_cli::Error::exit_code);
            ExitCode::from(u8::try_from(code).unwrap_or(1))
        }
    }
}
